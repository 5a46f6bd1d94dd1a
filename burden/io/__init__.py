"""Reading and writing files: TOML scenario files (:mod:`burden.io.scenario_file`)."""
