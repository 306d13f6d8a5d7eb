// Opens a trace.json in Chrome DevTools' own trace engine (npm @paulirish/trace_engine, the
// code DevTools' Performance panel runs) and counts the message arrows it binds. Exit 1 unless
// it binds one arrow, with both ends, per message the file shows sent and delivered (a frame
// still in flight when the run stopped has a start and no end: no arrow).
//   node chrome_flows.mjs ENGINE_DIR TRACE.json
import fs from 'node:fs';
import path from 'node:path';
import {pathToFileURL} from 'node:url';

const [engineDir, tracePath] = process.argv.slice(2);
const engine = path.join(engineDir, 'node_modules/@paulirish/trace_engine/analyze-trace.mjs');
const {analyzeTrace} = await import(pathToFileURL(engine).href);
const events = JSON.parse(fs.readFileSync(tracePath, 'utf8')).traceEvents;
const ends = new Set(events.filter(e => e.ph === 'f').map(e => e.id));
const starts = events.filter(e => e.ph === 's' && ends.has(e.id)).length;
const {parsedTrace} = await analyzeTrace(tracePath);
const data = parsedTrace.data ?? parsedTrace;
const flows = data.Flows.flows;
const bound = flows.filter(f => f.length >= 2).length;
console.log(`${path.basename(path.dirname(tracePath))}: ${starts} messages delivered, ` +
            `${flows.length} flows in the engine, ${bound} with both ends bound to slices`);
if (starts === 0 || flows.length !== starts || bound !== starts)
    process.exit(1);
