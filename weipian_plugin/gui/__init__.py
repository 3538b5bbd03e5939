"""The dock and its panels: thin widgets over the store, the services and the core."""
