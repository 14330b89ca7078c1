package store

// gempaySeeder loads fixtures/gempay.yaml; the gempay emulator fills in its tables and loader.
var gempaySeeder = seeder{provider: "gempay"}
