"""Processing provider 'weipian': the headless API of the plugin."""
