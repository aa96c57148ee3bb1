import { compactFormat } from './compactFormat.ts';
import { formatJson } from './formatJson.ts';
import type { JsonObject, JsonValue } from './Transcript.ts';

/** What a tool line shows: the name, the parameter schema and the description. */
export type ToolLineSource = {
  readonly name: string;
  readonly description?: string | undefined;
  readonly parameters?: JsonObject | null | undefined;
};

/**
 * The text of one tool line without its `T: ` prefix, e.g. `calc({"expr": string}) - Evaluate
 * arithmetic`: the parameters as a compact TypeScript-like type (every key is required, as
 * node-llama-cpp's grammar makes it), then the description if there is one.
 */
export function describeTool(tool: ToolLineSource): string {
  const parameters = tool.parameters ? describeSchema(tool.parameters) : '';
  const signature = `${tool.name}(${parameters})`;
  const description = tool.description?.trim() ?? '';
  return description === '' ? signature : `${signature}${compactFormat.toolDescriptionSeparator}${description}`;
}

function describeSchema(schema: JsonValue): string {
  if (!isObject(schema)) return 'any';
  if ('const' in schema) return formatJson(schema.const ?? null);
  const enumValues = schema.enum;
  if (isList(enumValues)) return enumValues.map((value) => formatJson(value)).join(' | ');
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (isList(alternatives)) return alternatives.map((item) => describeSchema(item)).join(' | ');
  const type = schema.type;
  if (isList(type)) return type.map((item) => describeSchema({ ...schema, type: item })).join(' | ');
  if (type === 'object') return describeObject(schema);
  if (type === 'array') return `${wrapUnion(describeSchema(schema.items ?? null))}[]`;
  if (typeof type === 'string') return type;
  return 'any';
}

function describeObject(schema: JsonObject): string {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const fields = Object.entries(properties).map(([key, value]) => `${formatJson(key)}: ${describeSchema(value)}`);
  return `{${fields.join(', ')}}`;
}

function wrapUnion(text: string): string {
  return text.includes(' | ') ? `(${text})` : text;
}

function isList(value: JsonValue | undefined): value is readonly JsonValue[] {
  return Array.isArray(value);
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
