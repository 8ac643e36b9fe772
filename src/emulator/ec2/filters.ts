/**
 * EC2 `Filter.N.Name` / `Filter.N.Value.M` semantics (aws-api-facts.md §5.1): different filters
 * are AND-ed, the values of one filter OR-ed; names and values are case-sensitive; values take
 * the `*` and `?` wildcards. `tag:<key>` and `tag-key` work for every resource; an unknown
 * filter name is InvalidParameterValue.
 */
import { AwsError } from '../errors.js';
import type { QueryInput } from '../wire/query-input.js';
import type { Ec2Tag } from './records.js';

/** The values an item has for one filter name (several when the item has many, e.g. rules). */
export type FilterFields<T> = Readonly<Record<string, (item: T) => readonly (string | number | boolean | undefined)[]>>;

export interface Filter {
  readonly name: string;
  readonly values: readonly string[];
}

export function readFilters(input: QueryInput): Filter[] {
  return (input.items('Filter') ?? []).map((f) => {
    const name = f.str('Name');
    if (name === undefined) throw new AwsError('InvalidParameterValue', 'The filter name must be specified');
    return { name, values: f.itemStrings('Value') ?? [] };
  });
}

function wildcard(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 's');
}

/** Keeps the items that satisfy every filter. Checks every filter name first, even on an empty list. */
export function applyFilters<T extends { tags: Ec2Tag[] }>(items: readonly T[], filters: readonly Filter[], fields: FilterFields<T>): T[] {
  const tests = filters.map((f) => {
    const patterns = f.values.map(wildcard);
    const matches = (values: readonly (string | number | boolean | undefined)[]) => values.some((v) => v !== undefined && patterns.some((p) => p.test(String(v))));
    if (f.name.startsWith('tag:')) {
      const key = f.name.slice(4);
      return (item: T) => matches(item.tags.filter((t) => t.Key === key).map((t) => t.Value));
    }
    if (f.name === 'tag-key') return (item: T) => matches(item.tags.map((t) => t.Key));
    if (f.name === 'tag-value') return (item: T) => matches(item.tags.map((t) => t.Value));
    const field = fields[f.name];
    if (!field) throw new AwsError('InvalidParameterValue', `The filter '${f.name}' is invalid`);
    return (item: T) => matches(field(item));
  });
  return items.filter((item) => tests.every((test) => test(item)));
}
