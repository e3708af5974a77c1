/*
 * The web editor's record format: the one place where what the form holds becomes a record file and back.
 *
 * Registered with Decap CMS as the format "kennisbank-record" (CMS.registerCustomFormat, in beheer.js).
 * Decap's own YAML writer does not write what kennisbank/contrib/record_writer.py writes (key order,
 * quoting, blocks, the modeline), so a record saved from the editor would show reformatting in its
 * pull request. This script writes records as that Python writer does, line for line:
 *   - the schema modeline first;
 *   - keys in the order of the form's fields, which the configuration generator
 *     (kennisbank/contrib/cms_config.py) takes from the schema; unknown keys last, in their own order;
 *   - multi-line text as a literal block (|), one-line text plain, or double-quoted where a YAML
 *     reader (1.1 or 1.2) would read something else, or a person would see a number or a date;
 *   - lists one item per line, [] and {} when empty, two spaces per level, no anchors.
 * tests/test_editor.py runs this file in Node on every record in data/praktijken/ and on awkward
 * texts, and compares with the Python writer.
 *
 * An existing record keeps the lines of every top-level field the editor did not change, so the
 * first edit of a record written by hand changes only the fields that were edited; a changed field
 * is written in the writer's form. (Checked by reading the result back; if it does not give exactly
 * the edited record, the whole record is written in the writer's form.)
 *
 * Shapes a Decap widget does not have are converted here, as the field's `record.shape` says
 * (see cms_config.py): typed blocks (werkgebied), one typed block (bron), one value or a list
 * (email, telefoon), a free mapping (herkomst). Empty optional values the form leaves behind
 * ("" for a cleared field, an empty list) are not written; required keys always are.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) {
    module.exports = factory(require("js-yaml"));
  } else {
    root.KennisbankRecord = factory(root.jsyaml);
  }
})(typeof self !== "undefined" ? self : this, function (jsyaml) {
  "use strict";

  var INDENT = "  ";
  // Scalars a YAML 1.2 reader takes for a number, a boolean or null (record_writer._YAML12_NOT_TEXT).
  var YAML12_NOT_TEXT = new RegExp(
    "^(?:null|Null|NULL|~|true|True|TRUE|false|False|FALSE" +
    "|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+" +
    "|[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?" +
    "|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
  // Text a person reads as a number, a date or a phone number (record_writer._LOOKS_NUMERIC).
  var LOOKS_NUMERIC = /^\+?[0-9][0-9 .,:/()-]*$/;
  // What PyYAML (YAML 1.1, the build's reader) resolves to something other than text: its implicit
  // resolvers, as yaml/resolver.py has them.
  var YAML11_NOT_TEXT = [
    /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
    /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
    /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
    /^(?:<<)$/,
    /^(?:~|null|Null|NULL|)$/,
    /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/,
    /^(?:=)$/
  ];
  // Characters PyYAML's reader treats as line breaks besides \n.
  var EXTRA_BREAKS = "\x85\u2028\u2029";
  // Python's str.strip() whitespace (JavaScript's trim() differs in \x1c-\x1f, \x85 and \ufeff).
  var PY_SPACE = /^[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]|[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;

  // --- Scalars -------------------------------------------------------------------------------------

  function printable(text) {
    for (var ch of text) {
      var code = ch.codePointAt(0);
      var ok = ch === "\t" || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xd7ff) ||
        (code >= 0xe000 && code <= 0xfffd) || code >= 0x10000;
      if (!ok || code === 0xfeff || EXTRA_BREAKS.indexOf(ch) >= 0) return false;
    }
    return true;
  }

  function loadsAsText(source, expected) {
    try {
      return deepEqual(jsyaml.load(source, { schema: jsyaml.FAILSAFE_SCHEMA }), expected);
    } catch (error) {
      return false;
    }
  }

  function plainIsSafe(text) {
    if (!text || PY_SPACE.test(text) || !printable(text) || text.indexOf("\t") >= 0) return false;
    if (YAML12_NOT_TEXT.test(text) || LOOKS_NUMERIC.test(text)) return false;
    for (var i = 0; i < YAML11_NOT_TEXT.length; i++) {
      if (YAML11_NOT_TEXT[i].test(text)) return false;
    }
    return loadsAsText("k: " + text, { k: text }) && loadsAsText("- " + text, [text]);
  }

  function hex(code, width) {
    var digits = code.toString(16);
    while (digits.length < width) digits = "0" + digits;
    return digits;
  }

  function quoted(text) {
    var out = "";
    for (var ch of text) {
      var code = ch.codePointAt(0);
      if (ch === '"' || ch === "\\") out += "\\" + ch;
      else if (ch === "\n") out += "\\n";
      else if (ch === "\t") out += "\\t";
      else if (printable(ch)) out += ch;
      else if (code <= 0xff) out += "\\x" + hex(code, 2);
      else if (code <= 0xffff) out += "\\u" + hex(code, 4);
      else out += "\\U" + hex(code, 8);
    }
    return '"' + out + '"';
  }

  // A non-integral number as PyYAML writes a float: Python's repr (positional from 1e-4 to 1e16), lower
  // case, '.0' before a bare exponent. A whole number is written as an integer: JavaScript has one kind of
  // number, so the editor cannot tell 2.0 from 2 (the schema accepts both as a number).
  function pythonFloat(value) {
    if (value !== value) return ".nan";
    if (value === Infinity) return ".inf";
    if (value === -Infinity) return "-.inf";
    var parts = value.toExponential().split("e");
    var digits = parts[0].replace(".", "").replace("-", "");
    var exponent = parseInt(parts[1], 10);
    var sign = value < 0 ? "-" : "";
    var text;
    if (exponent >= -4 && exponent < 16) {
      if (exponent < 0) {
        text = "0." + "0".repeat(-exponent - 1) + digits;
      } else if (digits.length > exponent + 1) {
        text = digits.slice(0, exponent + 1) + "." + digits.slice(exponent + 1);
      } else {
        text = digits + "0".repeat(exponent + 1 - digits.length) + ".0";
      }
    } else {
      var mantissa = digits.length > 1 ? digits[0] + "." + digits.slice(1) : digits + ".0";
      text = mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
    }
    return sign + text;
  }

  function scalar(value) {
    if (value === null || value === undefined) return "null";
    if (typeof value === "boolean") return value ? "true" : "false";
    if (typeof value === "number") return Number.isInteger(value) ? String(value) : pythonFloat(value);
    if (Array.isArray(value)) return "[]";
    if (typeof value === "object") return "{}";
    var text = String(value);
    return plainIsSafe(text) ? text : quoted(text);
  }

  function key(name) {
    return plainIsSafe(name) ? name : quoted(String(name));
  }

  function literalBlock(text, child) {
    var trailing = text.length - text.replace(/\n+$/, "").length;
    var chomp = trailing === 0 ? "-" : trailing === 1 ? "" : "+";
    var body = trailing ? text.slice(0, -1) : text;
    var lines = body.split("\n");
    if (!lines.every(printable) || !body.replace(PY_SPACE_ALL, "")) return null;
    var indicator = lines[0].charAt(0) === " " ? "2" : "";
    var block = ["|" + indicator + chomp].concat(lines.map(function (line) { return line ? child + line : ""; }));
    // Checked by reading it back at the indentation it will have, as the Python writer does.
    var probe = [child.slice(0, -INDENT.length) + "k: " + block[0]].concat(block.slice(1)).join("\n") + "\n";
    return loadsAsText(probe, { k: text }) ? block : null;
  }
  var PY_SPACE_ALL = /[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/g;

  // --- Structure: the form's fields give the order --------------------------------------------------

  function isMapping(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function isEmptyValue(value) {
    return value === undefined || value === null || value === "" ||
      (Array.isArray(value) && value.length === 0) || (isMapping(value) && Object.keys(value).length === 0);
  }

  // The fields that order `value`: a block's own, or those of the typed branch it fits (the branch
  // whose required keys it has, with the most keys in common: record_writer._properties).
  function fieldsFor(value, node) {
    if (!node) return [];
    if (node.fields) return node.fields;
    if (!node.types) return [];
    var keys = Object.keys(value);
    var fitting = node.types.filter(function (type) {
      return ((type.record || {}).required_keys || []).every(function (k) { return keys.indexOf(k) >= 0; });
    });
    var best = null, bestCount = -1;
    (fitting.length ? fitting : node.types).forEach(function (type) {
      var count = type.fields.filter(function (f) { return keys.indexOf(f.name) >= 0; }).length;
      if (count > bestCount) { best = type; bestCount = count; }
    });
    return best ? best.fields : [];
  }

  function itemNode(field) {
    if (!field) return null;
    if (field.types) return { types: field.types };
    if (field.fields) return { fields: field.fields };
    return null;
  }

  function orderedKeys(mapping, fields) {
    var names = fields.map(function (f) { return f.name; });
    var known = names.filter(function (name) { return Object.prototype.hasOwnProperty.call(mapping, name); });
    var rest = Object.keys(mapping).filter(function (name) { return names.indexOf(name) < 0; });
    return known.concat(rest);
  }

  function mappingLines(mapping, node, indent) {
    var fields = fieldsFor(mapping, node);
    var lines = [];
    orderedKeys(mapping, fields).forEach(function (name) {
      var field = fields.filter(function (f) { return f.name === name; })[0];
      lines = lines.concat(entry(indent + key(name) + ":", mapping[name], field, indent));
    });
    return lines;
  }

  function sequenceLines(items, field, indent) {
    var node = itemNode(field);
    var lines = [];
    items.forEach(function (item) {
      if (isMapping(item) && Object.keys(item).length) {
        var inner = mappingLines(item, node, indent + INDENT);
        inner[0] = indent + "- " + inner[0].slice(indent.length + INDENT.length);
        lines = lines.concat(inner);
      } else {
        lines = lines.concat(entry(indent + "-", item, null, indent));
      }
    });
    return lines;
  }

  function entry(head, value, field, indent) {
    var child = indent + INDENT;
    if (isMapping(value) && Object.keys(value).length) {
      return [head].concat(mappingLines(value, itemNode(field) || { fields: [] }, child));
    }
    if (Array.isArray(value) && value.length) return [head].concat(sequenceLines(value, field, child));
    if (typeof value === "string" && value.indexOf("\n") >= 0) {
      var block = literalBlock(value, child);
      if (block) return [head + " " + block[0]].concat(block.slice(1));
    }
    return [head + " " + scalar(value)];
  }

  /** The record as text, in the Python writer's form (record_writer.dumps). */
  function dumps(record, fields, modeline) {
    var lines = modeline ? [modeline] : [];
    lines = lines.concat(mappingLines(record, { fields: fields }, ""));
    return lines.join("\n") + "\n";
  }

  // --- Form shape <-> record shape -------------------------------------------------------------------

  function shapeOf(field) {
    return (field && field.record && field.record.shape) || "";
  }

  function typeFor(item, field) {
    var found = fieldsFor(item, { types: field.types });
    for (var i = 0; i < field.types.length; i++) {
      if (field.types[i].fields === found) return field.types[i].name;
    }
    return field.types[0].name;
  }

  function typed(item, field) {
    var typeKey = field.typeKey || "type";
    if (typeof item === "string") {  // werkgebied's shorthand `- Lier`, as the check reads it
      var first = field.types[0];
      var block = {};
      block[typeKey] = first.name;
      block[first.fields[0].name] = item;
      return block;
    }
    if (!isMapping(item)) return item;
    var out = {};
    out[typeKey] = typeFor(item, field);
    Object.keys(item).forEach(function (k) { out[k] = item[k]; });
    return out;
  }

  function toFormValue(value, field) {
    var shape = shapeOf(field);
    if (shape === "one_or_list") return Array.isArray(value) ? value : [value];
    if (shape === "single") return isMapping(value) ? [toFormBlock(typed(value, field), fieldsFor(value, { types: field.types }))] : value;
    if (shape === "typed") {
      return Array.isArray(value) ? value.map(function (item) {
        var block = typed(item, field);
        return isMapping(block) ? toFormBlock(block, fieldsFor(item, { types: field.types })) : block;
      }) : value;
    }
    if (shape === "map") {
      var names = field.record.map_fields;
      return isMapping(value) ? Object.keys(value).map(function (k) {
        var pair = {};
        pair[names[0]] = k;
        pair[names[1]] = value[k];
        return pair;
      }) : value;
    }
    if (field && field.fields && Array.isArray(value)) {
      return value.map(function (item) { return isMapping(item) ? toFormBlock(item, field.fields) : item; });
    }
    if (field && field.fields && isMapping(value)) return toFormBlock(value, field.fields);
    return value;
  }

  function toFormBlock(block, fields) {
    var out = {};
    Object.keys(block).forEach(function (name) {
      var field = fields.filter(function (f) { return f.name === name; })[0];
      out[name] = field ? toFormValue(block[name], field) : block[name];
    });
    return out;
  }

  function fromFormValue(value, field) {
    var shape = shapeOf(field);
    var typeKey = (field && field.typeKey) || "type";
    function untyped(item) {
      if (!isMapping(item)) return item;
      var type = (field.types || []).filter(function (t) { return t.name === item[typeKey]; })[0];
      var out = {};
      Object.keys(item).forEach(function (k) { if (k !== typeKey) out[k] = item[k]; });
      return fromFormBlock(out, type ? type.fields : fieldsFor(out, { types: field.types }));
    }
    if (shape === "one_or_list") {
      var values = (Array.isArray(value) ? value : [value]).filter(function (v) { return !isEmptyValue(v); });
      return values.length === 1 ? values[0] : values;
    }
    if (shape === "single") {
      if (!Array.isArray(value)) return isMapping(value) ? untyped(value) : value;
      return value.length ? untyped(value[0]) : {};
    }
    if (shape === "typed") return Array.isArray(value) ? value.map(untyped) : value;
    if (shape === "map") {
      if (!Array.isArray(value)) return value;
      var names = field.record.map_fields, map = {};
      value.forEach(function (pair) { if (isMapping(pair)) map[pair[names[0]]] = pair[names[1]]; });
      return map;
    }
    if (field && field.fields && Array.isArray(value)) {
      return value.map(function (item) { return isMapping(item) ? fromFormBlock(item, field.fields) : item; });
    }
    if (field && field.fields && isMapping(value)) return fromFormBlock(value, field.fields);
    return value;
  }

  function fromFormBlock(block, fields) {
    var out = {};
    // A required list the form never touched is not in Decap's data at all: written empty (`partners: []`).
    fields.forEach(function (field) {
      if (field.record && field.record.required && field.widget === "list" && !field.types &&
          !Object.prototype.hasOwnProperty.call(block, field.name)) {
        block[field.name] = [];
      }
    });
    Object.keys(block).forEach(function (name) {
      var field = fields.filter(function (f) { return f.name === name; })[0];
      var value = field ? fromFormValue(block[name], field) : block[name];
      // A field the form left empty is not written; a required list or block is, empty
      // (`partners: []`): an empty text never is (no record field may be "").
      var required = field && field.record && field.record.required;
      if (isEmptyValue(value) && !(required && typeof value === "object" && value !== null)) return;
      out[name] = value;
    });
    return out;
  }

  // --- Keeping what did not change -------------------------------------------------------------------

  function deepEqual(a, b) {
    if (a === b) return true;
    if (Array.isArray(a)) {
      return Array.isArray(b) && a.length === b.length && a.every(function (x, i) { return deepEqual(x, b[i]); });
    }
    if (isMapping(a) && isMapping(b)) {
      var ka = Object.keys(a), kb = Object.keys(b);
      return ka.length === kb.length && ka.every(function (k) {
        return Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]);
      });
    }
    return false;
  }

  // The lines of each top-level key of a record's text; comment lines go with the key below them.
  var TOP_LEVEL_KEY = /^([A-Za-z_][A-Za-z0-9_]*):(?: |$)/;
  function topLevelBlocks(text) {
    var blocks = {}, pending = [], current = null;
    text.replace(/\n$/, "").split("\n").forEach(function (line) {
      var found = TOP_LEVEL_KEY.exec(line);
      if (found) {
        current = found[1];
        blocks[current] = pending.concat([line]);
        pending = [];
      } else if (line.charAt(0) === "#") {
        pending.push(line);
      } else if (current !== null) {
        blocks[current] = blocks[current].concat(pending, [line]);
        pending = [];
      }
    });
    return blocks;
  }

  function parse(text) {
    return jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA });
  }

  /** The record as text: unchanged top-level fields as `original` had them, the rest in the writer's form. */
  function write(record, fields, modeline, original) {
    var canonical = dumps(record, fields, modeline);
    if (!original) return canonical;
    var before;
    try { before = parse(original); } catch (error) { return canonical; }
    if (!isMapping(before)) return canonical;
    var blocks = topLevelBlocks(original);
    var lines = modeline ? [modeline] : [];
    orderedKeys(record, fields).forEach(function (name) {
      var field = fields.filter(function (f) { return f.name === name; })[0];
      var kept = blocks[name] && deepEqual(before[name], record[name]) ?
        blocks[name].filter(function (line) { return line !== modeline; }) : null;
      lines = lines.concat(kept || entry(key(name) + ":", record[name], field, ""));
    });
    var text = lines.join("\n") + "\n";
    try {
      return deepEqual(parse(text), record) ? text : canonical;
    } catch (error) {
      return canonical;
    }
  }

  /**
   * The Decap custom format for a collection: `fields` are its form fields, `modeline` the first line.
   * The texts it read are remembered by slug, so saving an entry keeps its unchanged lines.
   */
  function format(fields, modeline) {
    var originals = {};
    return {
      fromFile: function (text) {
        var record = parse(text);
        if (!isMapping(record)) return {};
        if (typeof record.slug === "string") originals[record.slug] = text;
        return toFormBlock(record, fields);
      },
      toFile: function (data) {
        var plain = JSON.parse(JSON.stringify(data));  // Decap may hand over Immutable-derived objects
        var record = fromFormBlock(plain, fields);
        return write(record, fields, modeline, originals[record.slug]);
      }
    };
  }

  return {
    dumps: dumps, write: write, format: format, parse: parse,
    toForm: toFormBlock, fromForm: fromFormBlock, plainIsSafe: plainIsSafe
  };
});
