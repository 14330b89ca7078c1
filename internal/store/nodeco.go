package store

// nodecoSeeder loads fixtures/nodeco.yaml; the nodeco emulator fills in its tables and loader.
var nodecoSeeder = seeder{provider: "nodeco"}
