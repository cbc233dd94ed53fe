/** The configuration file's name, as Probot's `context.config` looks it up. */
export const CONFIG_FILE = "shipshape.yml";
/** Where the configuration lives in a repository (or in the organisation's `.github` repository). */
export const CONFIG_PATH = ".github/shipshape.yml";
