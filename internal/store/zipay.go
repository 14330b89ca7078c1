package store

// zipaySeeder loads fixtures/zipay.yaml; the zipay emulator fills in its tables and loader.
var zipaySeeder = seeder{provider: "zipay"}
