/**
 * Reads an awsQuery / ec2Query form body (aws-api-facts.md §1.2, §1.5) as a tree of dotted keys
 * and gives typed access to it. ELBv2 lists are `Name.member.N`; EC2 lists are flattened
 * `Name.N`; an ELBv2 empty list arrives as the bare `Name=` (§0.2) and reads as `[]`.
 *
 * Every accessor knows the lowerCamel member path so validation errors can name the member the
 * way AWS does (`at 'actions.1.member.type'`).
 */
import { AwsError, constraintError, enumError, missingError } from '../errors.js';

interface QueryNode {
  value?: string;
  readonly children: Map<string, QueryNode>;
}

function lowerFirst(s: string): string {
  return s.length === 0 ? s : s[0]!.toLowerCase() + s.slice(1);
}

export class QueryInput {
  private constructor(
    private readonly node: QueryNode,
    readonly path: string,
  ) {}

  /** Parses a form body; URLSearchParams decodes %XX and `+`, and keeps repeated keys in order. */
  static parse(body: string): QueryInput {
    const root: QueryNode = { children: new Map() };
    for (const [key, value] of new URLSearchParams(body)) {
      let node = root;
      for (const part of key.split('.')) {
        let next = node.children.get(part);
        if (!next) {
          next = { children: new Map() };
          node.children.set(part, next);
        }
        node = next;
      }
      node.value = value;
    }
    return new QueryInput(root, '');
  }

  private childPath(key: string): string {
    return this.path === '' ? lowerFirst(key) : `${this.path}.${lowerFirst(key)}`;
  }

  has(key: string): boolean {
    return this.node.children.has(key);
  }

  /** The names present at this level (used to reject members an operation does not take). */
  keys(): string[] {
    return [...this.node.children.keys()];
  }

  str(key: string): string | undefined {
    return this.node.children.get(key)?.value;
  }

  requiredStr(key: string): string {
    const v = this.str(key);
    if (v === undefined) throw missingError(this.childPath(key));
    return v;
  }

  int(key: string, range?: { min?: number; max?: number }): number | undefined {
    const raw = this.str(key);
    if (raw === undefined) return undefined;
    const path = this.childPath(key);
    if (!/^-?\d+$/.test(raw)) throw new AwsError('ValidationError', `Value '${raw}' at '${path}' is not a valid integer`);
    const n = Number(raw);
    if (range?.min !== undefined && n < range.min) throw constraintError(raw, path, `Member must have value greater than or equal to ${range.min}`);
    if (range?.max !== undefined && n > range.max) throw constraintError(raw, path, `Member must have value less than or equal to ${range.max}`);
    return n;
  }

  bool(key: string): boolean | undefined {
    const raw = this.str(key);
    if (raw === undefined) return undefined;
    if (raw === 'true') return true;
    if (raw === 'false') return false;
    throw constraintError(raw, this.childPath(key), 'Member must be a boolean (true or false)');
  }

  enumValue<T extends string>(key: string, allowed: readonly T[]): T | undefined {
    const raw = this.str(key);
    if (raw === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(raw)) throw enumError(raw, this.childPath(key), allowed);
    return raw as T;
  }

  child(key: string): QueryInput | undefined {
    const node = this.node.children.get(key);
    return node ? new QueryInput(node, this.childPath(key)) : undefined;
  }

  /** awsQuery list `Key.member.N` (N from 1, in numeric order); `Key=` is the empty list; absent is undefined. */
  members(key: string): QueryInput[] | undefined {
    const node = this.node.children.get(key);
    if (!node) return undefined;
    const list = node.children.get('member');
    if (!list) return [];
    const base = this.childPath(key);
    return numbered(list).map(([i, n]) => new QueryInput(n, `${base}.${i}.member`));
  }

  memberStrings(key: string): string[] | undefined {
    return this.members(key)?.map((m) => m.node.value ?? '');
  }

  /** ec2Query flattened list `Key.N`; EC2 never sends empty lists (§1.5). */
  items(key: string): QueryInput[] | undefined {
    const node = this.node.children.get(key);
    if (!node) return undefined;
    const base = this.childPath(key);
    return numbered(node).map(([i, n]) => new QueryInput(n, `${base}.${i}`));
  }

  itemStrings(key: string): string[] | undefined {
    return this.items(key)?.map((m) => m.node.value ?? '');
  }

  /** awsQuery map `Key.entry.N.key` / `.value`. */
  map(key: string): Record<string, string> | undefined {
    const node = this.node.children.get(key);
    if (!node) return undefined;
    const entries = node.children.get('entry');
    const out: Record<string, string> = {};
    if (!entries) return out;
    for (const [, entry] of numbered(entries)) {
      const k = entry.children.get('key')?.value;
      if (k !== undefined) out[k] = entry.children.get('value')?.value ?? '';
    }
    return out;
  }

  /**
   * The subtree under `key` as plain data: `member` lists become arrays, `entry` maps become
   * objects, leaves stay strings. For members the emulator stores without interpreting.
   */
  plain(key: string): unknown {
    const node = this.node.children.get(key);
    return node ? toPlain(node) : undefined;
  }

  /** The member path of `key` below this node, for messages. */
  pathOf(key: string): string {
    return this.childPath(key);
  }
}

function numbered(node: QueryNode): [number, QueryNode][] {
  return [...node.children.entries()]
    .filter(([k]) => /^\d+$/.test(k))
    .map(([k, n]): [number, QueryNode] => [Number(k), n])
    .sort((a, b) => a[0] - b[0]);
}

function toPlain(node: QueryNode): unknown {
  if (node.children.size === 0) return node.value ?? '';
  const list = node.children.get('member');
  if (list) return numbered(list).map(([, n]) => toPlain(n));
  const entries = node.children.get('entry');
  if (entries) {
    const out: Record<string, unknown> = {};
    for (const [, e] of numbered(entries)) out[e.children.get('key')?.value ?? ''] = toPlain(e.children.get('value') ?? { children: new Map() });
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const [k, n] of node.children) out[k] = toPlain(n);
  return out;
}
