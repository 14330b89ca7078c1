package store

// hostdimeSeeder loads fixtures/hostdime.yaml; the hostdime emulator fills in its tables and loader.
var hostdimeSeeder = seeder{provider: "hostdime"}
