// Writes generated/api.d.ts from an OpenAPI document, as a script writer would with openapi-typescript. Pictures
// (binary strings) become Blob, the type fetch and FormData take; openapi-typescript's documentation shows the same.
// Usage: node generate.mjs openapi.json generated/api.d.ts
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";

const [documentFile, output] = process.argv.slice(2);
const blob = ts.factory.createTypeReferenceNode(ts.factory.createIdentifier("Blob"));
const ast = await openapiTS(JSON.parse(await readFile(documentFile, "utf8")), {
  transform: (schema) => (schema.format === "binary" ? blob : undefined),
});
await mkdir(dirname(output), { recursive: true });
await writeFile(output, astToString(ast));
