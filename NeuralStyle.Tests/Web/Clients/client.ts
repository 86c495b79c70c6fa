// What a script writer does with a client generated from /openapi/v1.json: submit a job with only the fields it
// sets, find it in the queue, follow its status, download the result, and read a refusal. tsc checks every call
// against the document's types (strict), so a field the document wrongly marks required fails the build.
// Usage: node out/client.js BASE_URL CONTENT.png STYLE.png RESULT.png; prints one line of JSON for the test to check.
import { readFile, writeFile } from "node:fs/promises";
import createClient, { type Middleware } from "openapi-fetch";
import type { components, paths } from "./generated/api.js";

type JobStatus = components["schemas"]["JobStatus"];
type JobForm = components["schemas"]["JobForm"];

const [baseUrl, contentFile, styleFile, resultFile] = process.argv.slice(2) as [string, string, string, string];
const client = createClient<paths>({ baseUrl });

// Keep the owner cookie the server issues, as a browser would, so that the job is ours to find in the queue.
let ownerCookie = "";
const cookies: Middleware = {
  onRequest({ request }) {
    if (ownerCookie) {
      request.headers.set("Cookie", ownerCookie);
    }
    return request;
  },
  onResponse({ response }) {
    const issued = response.headers.getSetCookie().find((cookie) => cookie.startsWith("ns-owner="));
    if (issued) {
      ownerCookie = issued.split(";")[0]!;
    }
    return response;
  },
};
client.use(cookies);

const picture = async (file: string) => new Blob([await readFile(file)], { type: "image/png" });

/** Repeated fields for arrays, as the form takes them; fields left out are not sent at all. */
function multipart(body: JobForm): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(body)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      form.append(name, item instanceof Blob ? item : String(item));
    }
  }
  return form;
}

const submitted = await client.POST("/api/jobs", {
  body: {
    content: await picture(contentFile),
    style: [await picture(styleFile)],
    size: 32,
    iterations: 5,
    colour: "luminance",
  },
  bodySerializer: multipart,
});
if (!submitted.data) {
  throw new Error(`submitJob answered ${submitted.response.status}: ${JSON.stringify(submitted.error)}`);
}
const id = submitted.data.id;

const queue = await client.GET("/api/jobs");
if (!queue.data) {
  throw new Error(`listJobs answered ${queue.response.status}`);
}

let status: JobStatus;
for (;;) {
  const { data, response } = await client.GET("/api/jobs/{id}", { params: { path: { id } } });
  if (!data) {
    throw new Error(`getJob answered ${response.status}`);
  }
  status = data;
  if (status.state !== "queued" && status.state !== "running") {
    break;
  }
  await new Promise((resolve) => setTimeout(resolve, 50));
}

const result = await client.GET("/api/jobs/{id}/result", { params: { path: { id } }, parseAs: "blob" });
if (!result.data) {
  throw new Error(`getJobResult answered ${result.response.status}`);
}
await writeFile(resultFile, Buffer.from(await result.data.arrayBuffer()));

const missing = await client.GET("/api/jobs/{id}", { params: { path: { id: "00000000-0000-0000-0000-000000000000" } } });

console.log(JSON.stringify({
  id,
  listed: queue.data.yours.map((job) => job.id),
  state: status.state,
  size: status.settings.size,
  colour: status.settings.colour,
  resultType: result.response.headers.get("Content-Type"),
  missingStatus: missing.response.status,
  missingTitle: missing.error?.title,
}));
