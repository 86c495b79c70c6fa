// Watches a job with SignalR's own JavaScript client, as a script would. Subscribes, prints "subscribed" (the test then
// lets the job start), collects every event until "finished"; then subscribes a second connection to the ended job, and
// sends an argument that is not a job id. Prints one line of JSON for the test to check.
// Usage: node hub.mjs BASE_URL JOB_ID
import { HubConnectionBuilder, LogLevel } from "@microsoft/signalr";

const [baseUrl, jobId] = process.argv.slice(2);
const connect = async () => {
  const connection = new HubConnectionBuilder().withUrl(`${baseUrl}/hubs/progress`).configureLogging(LogLevel.Error).build();
  await connection.start();
  return connection;
};
// The timer must not keep node running once the event has come.
const within = (promise, what) =>
  Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error(`no ${what} within 20 s`)), 20_000).unref())]);

const watcher = await connect();
const events = [];
for (const name of ["started", "progress", "frame", "sketch", "finished"]) {
  watcher.on(name, (payload) => events.push({ name, payload }));
}
const finished = new Promise((resolve) => watcher.on("finished", resolve));
const subscribed = await watcher.invoke("Subscribe", jobId);
console.log("subscribed");
const ended = await within(finished, "finished event");

const late = await connect();
const lateFinished = new Promise((resolve) => late.on("finished", resolve));
const lateStatus = await late.invoke("Subscribe", jobId);
const lateEnded = await within(lateFinished, "finished event for a late watcher");

const refusals = [];
for (const argument of ["abc", 42]) {
  try {
    await late.invoke("Subscribe", argument);
    refusals.push(null);
  } catch (error) {
    refusals.push(error.message);
  }
}

await watcher.stop();
await late.stop();
console.log(JSON.stringify({
  subscribedState: subscribed.state,
  names: events.map((e) => e.name),
  started: events.find((e) => e.name === "started")?.payload,
  lastProgress: events.filter((e) => e.name === "progress").at(-1)?.payload,
  ended,
  lateState: lateStatus.state,
  lateEnded,
  refusals,
}));
