package signcli

// signGempay prints a signed gempay request; the gempay emulator fills it in.
func signGempay(env Env, args []string) error { return errNotBuilt }
