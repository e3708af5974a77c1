// Runs the editor's record format (kennisbank/contrib/editor_assets/record_format.js) in Node for
// tests/test_editor.py. Reads {config, modeline, records: {name: text}, data: {name: value}} as JSON
// on standard input; writes for each record what the editor would: the data it reads, that data
// written by the editor (as a new record, and as an edit of the original file with nothing changed),
// and for each value in `data` its text as a new record.
const path = require("path");
const R = require(path.join(__dirname, "..", "..", "kennisbank", "contrib", "editor_assets", "record_format.js"));

let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const { config, modeline, records, data } = JSON.parse(input);
  const fields = config.collections[0].fields;
  const out = { records: {}, data: {} };
  for (const [name, text] of Object.entries(records || {})) {
    const format = R.format(fields, modeline);
    const form = format.fromFile(text);
    out.records[name] = {
      parsed: R.parse(text),
      fresh: R.dumps(R.fromForm(JSON.parse(JSON.stringify(form)), fields), fields, modeline),
      saved: format.toFile(form),
    };
  }
  for (const [name, value] of Object.entries(data || {})) {
    out.data[name] = R.dumps(value, fields, modeline);
  }
  process.stdout.write(JSON.stringify(out));
});
