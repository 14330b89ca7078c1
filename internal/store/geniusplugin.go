package store

// geniuspluginSeeder loads fixtures/geniusplugin.yaml; the geniusplugin emulator fills in its tables and loader.
var geniuspluginSeeder = seeder{provider: "geniusplugin"}
