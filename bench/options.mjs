// The bench scripts' command-line options: `--name value` pairs and bare `--flag`s.

export const args = process.argv.slice(2);

/** The value after `--name`, or `dflt` when the option is not given. */
export const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
