package signcli

// signZipay prints a signed zipay request; the zipay emulator fills it in.
func signZipay(env Env, args []string) error { return errNotBuilt }
