package signcli

// signNodeco prints a signed nodeco request; the nodeco emulator fills it in.
func signNodeco(env Env, args []string) error { return errNotBuilt }
