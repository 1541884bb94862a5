/**
 * jest runs the slowest files first so that no long file starts last and holds the run open while the
 * other workers idle. Its own timings exist only after a run in this checkout: on a clean clone it
 * falls back to file size, which started the twin's process tests 93rd of 179 and `--help` checks
 * 169th. The durations recorded in test-durations.json (`node scripts/record-test-durations.cjs`)
 * stand in until jest has its own.
 */
"use strict";
const path = require("path");
const Sequencer = require("@jest/test-sequencer").default;

const ROOT = path.resolve(__dirname, "..", "..");
const RECORDED = require("./test-durations.json");

class RecordedDurationsSequencer extends Sequencer {
  time(test) {
    return super.time(test) ?? recordedDuration(test.path);
  }
}

/** Seconds recorded for the file at `file` (absolute), undefined for a file not recorded. */
function recordedDuration(file) {
  const seconds = RECORDED[path.relative(ROOT, file).split(path.sep).join("/")];
  return seconds === undefined ? undefined : seconds * 1000;
}

module.exports = RecordedDurationsSequencer;
module.exports.recordedDuration = recordedDuration;
