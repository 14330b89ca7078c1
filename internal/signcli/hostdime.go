package signcli

// signHostdime prints a signed hostdime request; the hostdime emulator fills it in.
func signHostdime(env Env, args []string) error { return errNotBuilt }
