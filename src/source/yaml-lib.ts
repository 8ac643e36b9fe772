/**
 * The `yaml` package, loaded the first time something uses it. Its Node build is ~70 CommonJS
 * modules, ~75 ms of start-up CPU that `validate`, `explain -o json`, `model -o json` and
 * `plan` never need on plain input: the fast reader (fast-yaml.ts, js-yaml) reads the text,
 * and `yaml` only reads a text the fast one refuses, places a diagnostic, writes `-o yaml` or
 * reads a settings file. Loading it with `require` keeps those callers synchronous; under Node
 * `import 'yaml'` loads this same CommonJS build, so there is one copy of the package either way.
 */
import { createRequire } from 'node:module';

export type YamlLib = typeof import('yaml');

let loaded: YamlLib | undefined;

export function yamlLib(): YamlLib {
  return (loaded ??= createRequire(import.meta.url)('yaml') as YamlLib);
}
