/**
 * node-llama-cpp turns a JSON schema into a GBNF grammar, but only a subset of JSON Schema
 * (type, properties, required, items, enum, const, oneOf, $defs/$ref, min/maxItems,
 * min/maxLength, additionalProperties). This maps a general schema onto that subset:
 * `anyOf` becomes `oneOf`, numeric bounds and other keywords are dropped (they are enforced
 * afterwards by validation and clamping), everything else is kept.
 */
const KEEP = new Set([
  'type',
  'properties',
  'required',
  'items',
  'prefixItems',
  'enum',
  'const',
  'oneOf',
  '$defs',
  '$ref',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'additionalProperties',
  'minProperties',
  'maxProperties',
  'description',
]);

export function toGrammarSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toGrammarSchema);
  if (schema === null || typeof schema !== 'object') return schema;
  const src = schema as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(src)) {
    if (key === 'anyOf') {
      out.oneOf = toGrammarSchema(value);
    } else if (key === 'properties' || key === '$defs') {
      const props: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) props[k] = toGrammarSchema(v);
      out[key] = props;
    } else if (KEEP.has(key)) {
      out[key] = key === 'description' ? value : toGrammarSchema(value);
    }
  }
  // A schema that only had dropped keywords (e.g. {minimum: 0}) means "any number" when typed.
  return out;
}
