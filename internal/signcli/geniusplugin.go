package signcli

// signGeniusplugin prints a signed geniusplugin request; the geniusplugin emulator fills it in.
func signGeniusplugin(env Env, args []string) error { return errNotBuilt }
