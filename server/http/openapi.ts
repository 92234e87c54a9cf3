// Collects route descriptions and renders the OpenAPI document from the same zod schemas that validate requests.
import { z, type ZodType } from "zod";

/** What the OpenAPI document says about one route. */
export interface RouteDoc {
  method: "get" | "post" | "patch" | "put" | "delete";
  path: string;
  summary: string;
  tag: string;
  auth: boolean;
  body?: ZodType;
  /** A text upload instead of a JSON body: the accepted content types. */
  upload?: string[];
  /** Query parameters and what they mean. */
  query?: Record<string, string>;
  response?: ZodType;
  /** A file download instead of a JSON response: the content types it may have. */
  download?: string[];
  status?: number;
}

/** A growing list of route docs; routers add to it as they are built. */
export class ApiDocs {
  private readonly routes: RouteDoc[] = [];

  add(doc: RouteDoc): void {
    this.routes.push(doc);
  }

  /**
   * The name of the route parameter at `segments[index]` of a raw request path split on "/", when a registered
   * route matches the path (as express matches: literal parts case-insensitively, a trailing slash allowed).
   */
  parameterAt(segments: readonly string[], index: number): string | undefined {
    const parts = segments.at(-1) === "" ? segments.slice(0, -1) : segments;
    for (const route of this.routes) {
      const template = route.path.split("/");
      const name = template[index];
      if (template.length !== parts.length || !name?.startsWith(":")) continue;
      const matches = template.every((part, i) =>
        part.startsWith(":") ? parts[i] !== "" : part.toLowerCase() === parts[i]!.toLowerCase(),
      );
      if (matches) return name.slice(1);
    }
    return undefined;
  }

  /** The OpenAPI 3.1 document. */
  render(serverUrl: string): object {
    const paths: Record<string, Record<string, object>> = {};
    for (const route of this.routes) {
      const openApiPath = route.path.replace(/:(\w+)/g, "{$1}");
      const parameters: object[] = [...route.path.matchAll(/:(\w+)/g)].map((match) => ({
        name: match[1],
        in: "path",
        required: true,
        schema: { type: "string" },
      }));
      for (const [name, description] of Object.entries(route.query ?? {})) {
        parameters.push({ name, in: "query", required: false, description, schema: { type: "string" } });
      }
      (paths[openApiPath] ??= {})[route.method] = {
        summary: route.summary,
        tags: [route.tag],
        ...(route.auth ? { security: [{ session: [] }] } : {}),
        ...(parameters.length ? { parameters } : {}),
        ...(route.upload
          ? {
              requestBody: {
                required: true,
                content: Object.fromEntries(
                  route.upload.map((type) => [
                    type,
                    type === "multipart/form-data"
                      ? {
                          schema: {
                            type: "object",
                            properties: { file: { type: "string", format: "binary" } },
                          },
                        }
                      : { schema: { type: "string" } },
                  ]),
                ),
              },
            }
          : {}),
        ...(route.body
          ? {
              requestBody: {
                required: true,
                content: { "application/json": { schema: toSchema(route.body, "input") } },
              },
            }
          : {}),
        responses: {
          [String(route.status ?? 200)]: {
            description: "Success",
            // A route may answer JSON or a file (analytics: ?format=csv): both kinds are listed.
            ...(route.response || route.download
              ? {
                  content: {
                    ...(route.response
                      ? { "application/json": { schema: toSchema(route.response, "output") } }
                      : {}),
                    ...Object.fromEntries(
                      (route.download ?? []).map((type) => [
                        type,
                        { schema: { type: "string", format: "binary" } },
                      ]),
                    ),
                  },
                }
              : {}),
          },
          default: {
            description: "Error",
            content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
          },
        },
      };
    }
    return {
      openapi: "3.1.0",
      info: {
        title: "Scholia API",
        version: "0.1.0",
        description: "Collaborative annotation of shared texts.",
      },
      servers: [{ url: serverUrl }],
      paths,
      components: {
        securitySchemes: { session: { type: "apiKey", in: "cookie", name: "scholia_session" } },
        schemas: {
          Error: {
            type: "object",
            required: ["error"],
            properties: {
              error: {
                type: "object",
                required: ["code", "message"],
                properties: { code: { type: "string" }, message: { type: "string" }, details: {} },
              },
            },
          },
        },
      },
    };
  }
}

function toSchema(schema: ZodType, io: "input" | "output"): object {
  return z.toJSONSchema(schema, { io, unrepresentable: "any" });
}
