// Arbitrary requests for every route of the OpenAPI document: path, query and body fields filled with nasty strings.
import fc from "fast-check";
import { malformedEscapes, nastyString, percentEncode } from "./nasty-strings.ts";

/** The part of JSON Schema that zod's toJSONSchema produces for our request bodies. */
export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
  minimum?: number;
  maximum?: number;
}

interface Operation {
  parameters?: { name: string; in: "path" | "query" }[];
  requestBody?: { content: Record<string, { schema?: JsonSchema }> };
}

/** One route of the OpenAPI document. */
export interface ApiRoute {
  method: string;
  /** The OpenAPI path, with `{name}` parameters. */
  path: string;
  operation: Operation;
}

/** Every route of an OpenAPI document. */
export function routesOf(spec: { paths: Record<string, Record<string, Operation>> }): ApiRoute[] {
  return Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ method, path, operation })),
  );
}

/** A request to send: the URL (path and query already encoded) and, for routes that take one, a body. */
export interface ArbitraryRequest {
  url: string;
  json?: unknown;
  upload?:
    | { kind: "raw"; contentType: string; text: string | Buffer }
    | { kind: "multipart"; fields: Record<string, string | undefined>; file: string };
}

/**
 * Plausible values by field or parameter name (real ids of a seeded world, block texts, an email…), so that some
 * requests get past validation and reach services; any name without one gets nasty strings only.
 */
export type Plausible = Record<string, fc.Arbitrary<string>>;

const strangeJson = fc.constantFrom<unknown>(null, 0, -1, 1.5, 1e308, true, [], {}, "");

/** Values for a JSON Schema: nasty strings wherever a string goes, plausible ones now and then, wrong types rarely. */
export function valueFor(schema: JsonSchema, name: string, plausible: Plausible): fc.Arbitrary<unknown> {
  const value = (): fc.Arbitrary<unknown> => {
    const options = schema.anyOf ?? schema.oneOf;
    if (options) return fc.oneof(...options.map((option) => valueFor(option, name, plausible)));
    if (schema.enum) return fc.oneof(fc.constantFrom(...schema.enum), nastyString({ long: true }));
    switch (schema.type) {
      case "string":
        return plausible[name]
          ? fc.oneof(
              { arbitrary: nastyString({ long: true }), weight: 3 },
              { arbitrary: plausible[name], weight: 2 },
            )
          : nastyString({ long: true });
      case "integer":
      case "number":
        return fc.integer({ min: schema.minimum ?? -5, max: Math.min(schema.maximum ?? 500, 500) });
      case "boolean":
        return fc.boolean();
      case "null":
        return fc.constant(null);
      case "array":
        return fc.array(valueFor(schema.items ?? {}, name, plausible), { maxLength: 4 });
      case "object": {
        const properties = Object.fromEntries(
          Object.entries(schema.properties ?? {}).map(([key, property]) => [
            key,
            valueFor(property, key, plausible),
          ]),
        );
        const record = fc.record(properties, { requiredKeys: schema.required ?? [] });
        return fc.oneof(
          { arbitrary: record, weight: 9 },
          {
            arbitrary: fc
              .tuple(record, nastyString(), nastyString())
              .map(([object, key, extra]) => ({ ...object, [key]: extra })),
            weight: 1,
          },
        );
      }
      default:
        return nastyString({ long: true });
    }
  };
  return fc.oneof({ arbitrary: value(), weight: 19 }, { arbitrary: strangeJson, weight: 1 });
}

/** A path parameter: a real id of the world, an encoded nasty string, or an escape that does not decode. */
function pathSegment(name: string, plausible: Plausible): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: plausible[name] ?? fc.uuid(), weight: 3 },
    { arbitrary: nastyString().map(percentEncode), weight: 3 },
    {
      arbitrary: fc
        .tuple(fc.string({ unit: "grapheme-ascii", maxLength: 4 }), fc.constantFrom(...malformedEscapes))
        .map(([head, escape]) => `${encodeURIComponent(head)}${escape}`),
      weight: 1,
    },
  );
}

/** Requests for one route, driven only by what the OpenAPI document says about it. */
export function requestsFor(route: ApiRoute, plausible: Plausible): fc.Arbitrary<ArbitraryRequest> {
  const parameters = route.operation.parameters ?? [];
  const pathNames = parameters
    .filter((parameter) => parameter.in === "path")
    .map((parameter) => parameter.name);
  const queryNames = parameters
    .filter((parameter) => parameter.in === "query")
    .map((parameter) => parameter.name);
  const path = fc
    .tuple(...pathNames.map((name) => pathSegment(name, plausible)))
    .map((values) => pathNames.reduce((url, name, i) => url.replace(`{${name}}`, values[i]!), route.path));
  const query = fc.record(
    Object.fromEntries(
      queryNames.map((name) => [
        name,
        fc.oneof(
          { arbitrary: nastyString().map(percentEncode), weight: 3 },
          { arbitrary: (plausible[name] ?? nastyString()).map(percentEncode), weight: 2 },
          { arbitrary: fc.constantFrom(...malformedEscapes), weight: 1 },
        ),
      ]),
    ),
    { requiredKeys: [] },
  );
  const url = fc.tuple(path, query).map(([base, values]) => {
    const pairs = Object.entries(values).map(([name, value]) => `${name}=${value}`);
    return pairs.length ? `${base}?${pairs.join("&")}` : base;
  });
  const content = route.operation.requestBody?.content ?? {};
  const json = content["application/json"]?.schema;
  if (json) return fc.record({ url, json: valueFor(json, "body", plausible) });
  const types = Object.keys(content);
  if (!types.length) return fc.record({ url });
  const text = fc.oneof(
    { arbitrary: nastyString({ long: true }), weight: 3 },
    { arbitrary: plausible.text ?? nastyString(), weight: 2 },
  );
  const upload = fc.oneof(
    ...types
      .filter((type) => type !== "multipart/form-data")
      .map((contentType) =>
        fc.record({
          kind: fc.constant("raw" as const),
          contentType: fc.constant(contentType),
          text: fc.oneof(
            text,
            text.map((value) => Buffer.from(`${value}\u0000${value}`)),
          ),
        }),
      ),
    ...(types.includes("multipart/form-data")
      ? [
          fc.record({
            kind: fc.constant("multipart" as const),
            fields: fc.record(
              Object.fromEntries(
                queryNames.map((name) => [
                  name,
                  fc.oneof(nastyString({ long: true }), plausible[name] ?? nastyString()),
                ]),
              ),
              { requiredKeys: [] },
            ),
            file: text,
          }),
        ]
      : []),
  );
  return fc.record({ url, upload });
}
