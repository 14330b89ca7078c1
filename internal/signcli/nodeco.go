package signcli

// signNodeco prints a signed node.co.id request; the nodeco emulator fills it in.
func signNodeco(env Env, args []string) error { return errNotBuilt }

// signVirtdedi prints a signed virtdedi.com request; the nodeco emulator fills it in.
func signVirtdedi(env Env, args []string) error { return errNotBuilt }
