// reweigh explorer: re-weights, re-scores abstention and filters in the browser with the CLI's
// formulas, in the CLI's order of floating-point operations (crates/composite: score.rs,
// abstention.rs, overrides.rs, methodology/transforms.rs, selection.rs). Hand-written, no library.
// The data is the document described in docs/explorer.md, embedded in #explorer-data.
// Licence: the project's (see the repository).
(function () {
  "use strict";
  var started = performance.now();
  var DATA = JSON.parse(document.getElementById("explorer-data").textContent);
  var BASE = DATA.methodology;
  var OMNISCIENCE_COLUMNS = ["omniscience_accuracy", "omniscience_nonhallucination"];
  var WHERE_COLUMNS = ["creator", "open_weights", "license", "is_reasoning", "variant", "group",
    "slug", "model", "index_version", "release_date"];
  var MAX_PENALTY = 1e6;
  var MAX_GROUPS = 1000;
  var ACCEPTED = "aa, accuracy, penalty:P (0 <= P <= 1e6), confidence:T (0 < T < 1), credit:K (0 <= K <= 1), attempted, f1";

  // ---- Numbers as Rust writes them -------------------------------------------------------------

  // Shortest round-trip digits of |x| (x finite, non-zero) and the decimal exponent of the first.
  function digitsOf(x) {
    var s = Math.abs(x).toExponential();
    var at = s.indexOf("e");
    return { digits: s.slice(0, at).replace(".", ""), exp: Number(s.slice(at + 1)) };
  }

  // serde_json's f64 (ryu): 100.0, 0.5, 1e308, 1.5e-7, 0.001234.
  function ryu(x) {
    if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
    var sign = x < 0 ? "-" : "";
    var d = digitsOf(x);
    var length = d.digits.length;
    var kk = d.exp + 1; // 10^(kk-1) <= |x| < 10^kk
    var k = kk - length; // |x| = digits × 10^k
    if (k >= 0 && kk <= 16) return sign + d.digits + "0".repeat(k) + ".0";
    if (kk > 0 && kk <= 16) return sign + d.digits.slice(0, kk) + "." + d.digits.slice(kk);
    if (kk > -5 && kk <= 0) return sign + "0." + "0".repeat(-kk) + d.digits;
    if (length === 1) return sign + d.digits + "e" + (kk - 1);
    return sign + d.digits[0] + "." + d.digits.slice(1) + "e" + (kk - 1);
  }

  // Rust's `{}` for f64: shortest round-trip digits, never an exponent (1, 0.5, 0.0000001).
  function display(x) {
    if (x === 0) return Object.is(x, -0) ? "-0" : "0";
    var sign = x < 0 ? "-" : "";
    var d = digitsOf(x);
    var kk = d.exp + 1;
    if (kk <= 0) return sign + "0." + "0".repeat(-kk) + d.digits;
    if (kk >= d.digits.length) return sign + d.digits + "0".repeat(kk - d.digits.length);
    return sign + d.digits.slice(0, kk) + "." + d.digits.slice(kk);
  }

  // What Rust's `str::parse::<f64>` accepts, finite only; null otherwise.
  function parseFloatRust(text) {
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return null;
    var x = Number(text);
    return isFinite(x) ? x : null;
  }

  // Rust's `str::trim` (Unicode White_Space).
  var WS = "\\t\\n\\u000B\\f\\r \\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000";
  var TRIM = new RegExp("^[" + WS + "]+|[" + WS + "]+$", "g");
  function trim(s) { return s.replace(TRIM, ""); }
  function asciiLower(s) { return s.replace(/[A-Z]/g, function (c) { return c.toLowerCase(); }); }

  // f64::total_cmp for finite numbers (-0 before +0).
  function totalCmp(a, b) {
    if (a < b) return -1;
    if (a > b) return 1;
    if (a === 0 && b === 0) return (Object.is(a, -0) ? 0 : 1) - (Object.is(b, -0) ? 0 : 1);
    return 0;
  }

  // A power of two bringing the largest weight into [1, 2) (methodology::weight_scale).
  function weightScale(weights) {
    var max = 0;
    for (var i = 0; i < weights.length; i++) {
      if (isFinite(weights[i]) && weights[i] > max) max = weights[i];
    }
    if (max < 2) return 1;
    var view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, max);
    var e = ((view.getUint16(0) >> 4) & 0x7ff) - 1023;
    var r = 1;
    for (var j = 0; j < e; j++) r *= 2;
    return 1 / r; // 2^-e exactly, as powi computes it
  }

  function sum(xs) {
    var s = 0;
    for (var i = 0; i < xs.length; i++) s += xs[i];
    return s;
  }

  // ---- The canonical form and its hash ---------------------------------------------------------

  function codePoints(s) { return Array.from(s, function (c) { return c.codePointAt(0); }); }
  function byteOrder(a, b) { // UTF-8 byte order = code point order
    var x = codePoints(a), y = codePoints(b);
    for (var i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
    return x.length - y.length;
  }

  // serde_json::to_string of the Methodology: struct fields in declaration order (as the document
  // lists them), the one map (freeze.solve_from.weights, a BTreeMap) in key order, f64 as ryu.
  function canonical(v, key) {
    if (v === null) return "null";
    if (typeof v === "number") return ryu(v);
    if (typeof v === "boolean") return v ? "true" : "false";
    if (typeof v === "string") return JSON.stringify(v);
    if (Array.isArray(v)) return "[" + v.map(function (x) { return canonical(x); }).join(",") + "]";
    var keys = Object.keys(v);
    if (key === "weights") keys.sort(byteOrder);
    return "{" + keys.map(function (k) { return JSON.stringify(k) + ":" + canonical(v[k], k); }).join(",") + "}";
  }

  function sha256(text) {
    if (!(window.crypto && crypto.subtle)) {
      return Promise.reject(new Error("crypto.subtle is unavailable (the page is not served over https or from a file)"));
    }
    return crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)).then(function (buf) {
      return Array.from(new Uint8Array(buf), function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
    });
  }

  // ---- Abstention policies (abstention.rs) -----------------------------------------------------

  function parsePolicy(text) {
    var bad = function (why) { return "abstention policy '" + text + "' " + why + "; accepted forms: " + ACCEPTED; };
    var at = text.indexOf(":");
    var name = at < 0 ? text : text.slice(0, at);
    var arg = at < 0 ? null : text.slice(at + 1);
    var number = function () {
      if (arg === null) throw bad("needs a parameter after ':'");
      var x = parseFloatRust(arg);
      if (x === null) throw bad("has a parameter '" + arg + "' that is not a number");
      return x;
    };
    var noArg = function (p) { if (arg !== null) throw bad("takes no parameter"); return p; };
    switch (name) {
      case "aa": return noArg({ kind: "aa" });
      case "accuracy": return noArg({ kind: "accuracy" });
      case "attempted": return noArg({ kind: "attempted" });
      case "f1": return noArg({ kind: "f1" });
      case "penalty": {
        var p = number();
        if (p < 0) throw bad("has a negative penalty (a wrong answer would earn credit)");
        if (p > MAX_PENALTY) throw bad("has a penalty above 1e6 (the score is then 1 - i to 6 digits)");
        return { kind: "penalty", x: p };
      }
      case "confidence": {
        var t = number();
        if (!(t > 0 && t < 1)) throw bad("needs a confidence target strictly between 0 and 1");
        return { kind: "confidence", x: t };
      }
      case "credit": {
        var k = number();
        if (!(k >= 0 && k <= 1)) throw bad("needs a credit between 0 and 1");
        return { kind: "credit", x: k };
      }
      default: throw bad("is not a policy");
    }
  }

  function policyText(p) { return "x" in p ? p.kind + ":" + display(p.x) : p.kind; }

  function shares(o) {
    if (!o) return null;
    return {
      correct: o.accuracy,
      incorrect: o.hallucination_rate * (1.0 - o.accuracy),
      abstained: o.attempt_rate === null ? null : 1.0 - o.attempt_rate
    };
  }

  function attemptedAccuracy(s) {
    if (s.abstained === null) return null;
    var attempted = 1.0 - s.abstained;
    return attempted > 0 ? s.correct / attempted : 0.0;
  }

  function policyScore(p, s) {
    switch (p.kind) {
      case "aa": {
        var rest = 1.0 - s.correct;
        var h = rest > 0 ? s.incorrect / rest : 0.0;
        return (s.correct + 1.0 - h) / 2.0;
      }
      case "accuracy": return s.correct;
      case "penalty":
      case "confidence": {
        var pen = p.kind === "penalty" ? p.x : p.x / (1.0 - p.x);
        return (s.correct - pen * s.incorrect + pen) / (1.0 + pen);
      }
      case "credit": return s.abstained === null ? null : s.correct + p.x * s.abstained;
      case "attempted": return attemptedAccuracy(s);
      case "f1": {
        var q = attemptedAccuracy(s);
        if (q === null) return null;
        return s.correct + q > 0 ? 2.0 * s.correct * q / (s.correct + q) : 0.0;
      }
    }
    return null;
  }

  function needsSplit(p) { return p.kind === "credit" || p.kind === "attempted" || p.kind === "f1"; }

  // ---- Methodology transforms (transforms.rs, overrides.rs) ------------------------------------

  function clone(v) { return structuredClone(v); } // keeps -0, which a JSON round trip loses
  function isOmniscience(k) {
    return k.normaliser.kind === "omniscience" || OMNISCIENCE_COLUMNS.indexOf(k.column) >= 0;
  }

  function withAbstention(m, policy) {
    if (policy.kind === "aa") return clone(m);
    var text = policyText(policy);
    var parts = m.components.filter(isOmniscience);
    if (parts.length === 0) {
      throw "methodology " + m.name + " has no AA-Omniscience component for the abstention policy '" + text + "' to re-score";
    }
    var first = parts[0];
    if (parts.some(function (k) { return k.category !== first.category; })) {
      throw "methodology " + m.name + ": its AA-Omniscience components are in different categories; an abstention policy replaces them with one";
    }
    var category = first.category;
    var weight = sum(parts.map(function (k) { return k.weight; }));
    var out = clone(m);
    if (!isFinite(weight)) {
      var scale = weightScale(m.components.filter(function (k) { return k.category === category; })
        .map(function (k) { return k.weight; }));
      out.components.forEach(function (k) { if (k.category === category) k.weight *= scale; });
      weight = sum(parts.map(function (k) { return k.weight * scale; }));
    }
    var merged = { // the field order of `Component`
      id: "omniscience",
      name: "AA-Omniscience (" + text + ")",
      category: category,
      weight: weight,
      column: "omniscience_accuracy",
      normaliser: { kind: "omniscience", policy: text },
      missing: first.missing,
      freeze: null
    };
    var at = out.components.findIndex(isOmniscience);
    out.components = out.components.filter(function (k) { return !isOmniscience(k); });
    out.components.splice(at, 0, merged);
    return out;
  }

  function applyOverrides(m, o) {
    if (o.weights.length === 0 && o.categories.length === 0 && o.drop.length === 0) return clone(m);
    var out = clone(m);
    var ids = function (xs) { return xs.map(function (x) { return x.id; }).join(", "); };
    var unknown = function (flag, id) {
      return flag + " " + id + ": methodology " + m.name + " has no component '" + id + "'; its components are " + ids(m.components);
    };
    var find = function (flag, id) {
      var k = out.components.find(function (k) { return k.id === id; });
      if (!k) throw unknown(flag, id);
      return k;
    };
    o.weights.forEach(function (a) { find("--weight", a.id).weight = a.w; });
    o.drop.forEach(function (id) { find("--drop", id).weight = 0; });
    o.categories.forEach(function (a) {
      var c = out.categories.find(function (c) { return c.id === a.id; });
      if (!c) {
        throw "--category " + a.id + ": methodology " + m.name + " has no category '" + a.id + "'; its categories are " + ids(m.categories);
      }
      c.weight = a.w;
    });
    var dropped = out.categories.filter(function (c) { return c.weight === 0; }).map(function (c) { return c.id; });
    out.components = out.components.filter(function (k) { return k.weight > 0 && dropped.indexOf(k.category) < 0; });
    out.categories = out.categories.filter(function (c) {
      return c.weight > 0 && out.components.some(function (k) { return k.category === c.id; });
    });
    if (out.components.length === 0) {
      throw "the overrides remove every component of methodology " + m.name + "; keep at least one";
    }
    return out;
  }

  // Each component's share of the index (Methodology::effective_weights), for display.
  function effectiveWeights(m) {
    var cscale = weightScale(m.categories.map(function (c) { return c.weight; }));
    var ctotal = sum(m.categories.map(function (c) { return c.weight * cscale; }));
    var out = {};
    m.components.forEach(function (k) {
      var members = m.components.filter(function (j) { return j.category === k.category; }).map(function (j) { return j.weight; });
      var scale = weightScale(members);
      var within = sum(members.map(function (w) { return w * scale; }));
      var c = m.categories.find(function (c) { return c.id === k.category; });
      out[k.id] = (c.weight * cscale / ctotal) * (k.weight * scale) / within;
    });
    return out;
  }

  // ---- Scoring (score.rs: score_row, rank) -----------------------------------------------------

  function scoreAll(m, missingRule) {
    var catIndex = {};
    m.categories.forEach(function (c, i) { catIndex[c.id] = i; });
    var categoryOf = m.components.map(function (k) { return catIndex[k.category]; });
    var members = m.categories.map(function () { return []; });
    m.components.forEach(function (k, i) { members[categoryOf[i]].push(k.weight); });
    var scales = members.map(weightScale);
    var categoryScale = weightScale(m.categories.map(function (c) { return c.weight; }));
    var policies = m.components.map(function (k) {
      return k.normaliser.kind === "omniscience" ? parsePolicy(k.normaliser.policy) : null;
    });
    return DATA.models.map(function (model, order) {
      var flags = [], missing = [];
      var scores = m.components.map(function (k, i) {
        var s;
        if (policies[i]) {
          var sh = shares(model.omniscience);
          s = sh ? policyScore(policies[i], sh) : null;
        } else {
          s = model.scores[k.id];
          s = s === undefined ? null : s;
        }
        if (s === null) {
          var rule = missingRule === "renormalize" ? "renormalize" : k.missing;
          if (rule === "require") {
            missing.push(k.id);
            if (policies[i] && needsSplit(policies[i]) && model.omniscience) flags.push("needs-split:" + k.id);
          } else if (rule === "zero") {
            s = 0.0;
            flags.push("missing-zero:" + k.id);
          } else {
            flags.push("renormalized:" + k.id);
          }
        }
        return s;
      });
      var out = {
        model: model, order: order, index: null, rank: null, missing: missing, flags: flags,
        categories: m.categories.map(function () { return null; }), contributions: []
      };
      if (missing.length > 0) return out;
      var within = m.categories.map(function () { return 0.0; });
      m.components.forEach(function (k, i) {
        if (scores[i] !== null) within[categoryOf[i]] += k.weight * scales[categoryOf[i]];
      });
      var categoryTotal = 0;
      m.categories.forEach(function (c, ci) { if (within[ci] > 0) categoryTotal += c.weight * categoryScale; });
      if (categoryTotal <= 0) {
        out.missing = m.components.map(function (k) { return k.id; });
        return out;
      }
      var index = 0.0;
      var values = m.categories.map(function () { return 0.0; });
      m.components.forEach(function (k, i) {
        var s = scores[i];
        if (s === null) return;
        var ci = categoryOf[i];
        var shareWithin = k.weight * scales[ci] / within[ci];
        var weight = m.categories[ci].weight * categoryScale / categoryTotal * (k.weight * scales[ci]) / within[ci];
        var contribution = m.scale * weight * s;
        index += contribution;
        values[ci] += shareWithin * s;
        out.contributions.push({ id: k.id, name: k.name, category: ci, score: s, weight: m.scale * weight, contribution: contribution });
      });
      within.forEach(function (total, ci) { if (total > 0) out.categories[ci] = m.scale * values[ci]; });
      out.index = index;
      return out;
    });
  }

  // Index descending, then slug (the document lists models in slug order); no index last.
  function byRank(a, b) {
    if (a.index !== null && b.index !== null) return totalCmp(b.index, a.index) || a.order - b.order;
    if (a.index !== null) return -1;
    if (b.index !== null) return 1;
    return a.order - b.order;
  }

  function rank(list) {
    list.sort(byRank);
    list.forEach(function (x, i) { x.rank = x.index === null ? null : i + 1; });
    return list;
  }

  // ---- Selection (selection.rs) ----------------------------------------------------------------

  function parseDate(text) {
    var bad = "'" + text + "' is not a date YYYY-MM-DD, for example 2026-05-20";
    if (text.length !== 10 || text[4] !== "-" || text[7] !== "-") throw bad;
    var num = function (s) { if (!/^\+?\d+$/.test(s)) throw bad; return Number(s); };
    var y = num(text.slice(0, 4)), mo = num(text.slice(5, 7)), d = num(text.slice(8, 10));
    var leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    var days = [0, 31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo];
    if (!days) throw bad;
    if (d < 1 || d > days || !/^\d{4}$/.test(text.slice(0, 4))) throw bad;
    return text;
  }

  function parseFilter(text) {
    var at = text.indexOf("=");
    if (at < 0) throw "'" + text + "' is not COLUMN=VALUE[,VALUE]; for example creator=Alibaba,DeepSeek or open_weights=true";
    var column = asciiLower(trim(text.slice(0, at))).replace(/-/g, "_");
    if (column === "reasoning") column = "is_reasoning";
    if (WHERE_COLUMNS.indexOf(column) < 0) {
      throw "'" + column + "' is not a column --where can test; expected one of " + WHERE_COLUMNS.join(", ");
    }
    var values = text.slice(at + 1).split(",").map(trim).filter(function (v) { return v !== ""; });
    if (values.length === 0) throw "'" + text + "' names no value; write " + column + "=VALUE[,VALUE]";
    if (values.length > MAX_GROUPS) throw "'" + column + "=…' lists " + values.length + " values; at most " + MAX_GROUPS;
    if (column === "group") throw "--where group=" + values[0] + " needs --group-file FILE defining the group, which this page does not take";
    return { column: column, values: values };
  }

  function select(scored, rules) {
    var left = 0;
    var kept = scored.filter(function (x) {
      var m = x.model;
      if (rules.asOf !== null) {
        var released = m.release_date;
        var valid = true;
        try { parseDate(released); } catch (e) { valid = false; }
        if (released === "" || !valid || released > rules.asOf) { left++; return false; }
      }
      for (var i = 0; i < rules.where.length; i++) {
        var f = rules.where[i];
        var v = f.column === "slug" ? trim(m.slug) : m.where[f.column];
        if (v === null || v === undefined) { left++; return false; }
        var lv = asciiLower(v);
        if (!f.values.some(function (x) { return asciiLower(x) === lv; })) { left++; return false; }
      }
      return true;
    });
    var counted = kept.length, folded = 0;
    if (rules.dedupe) {
      var byKey = new Map();
      kept.forEach(function (x) {
        var key = x.model.dedupe_key;
        if (!byKey.has(key)) byKey.set(key, []);
        byKey.get(key).push(x);
      });
      kept = [];
      byKey.forEach(function (group) {
        group.sort(byRank);
        folded += group.length - 1;
        kept.push(group[0]);
      });
    }
    return { models: rank(kept), leftOut: left, counted: counted, folded: folded };
  }

  // ---- State: the URL hash in the CLI's vocabulary ---------------------------------------------

  function emptyState() {
    return { weights: [], categories: [], drop: [], abstention: "aa", missing: "declared", asOf: "", dedupe: false, where: [], errors: [] };
  }

  function parseHash(hash) {
    var st = emptyState();
    var errors = [];
    hash.replace(/^#/, "").split("&").filter(function (p) { return p !== ""; }).forEach(function (part) {
      var at = part.indexOf("=");
      var key, value;
      try {
        key = decodeURIComponent(at < 0 ? part : part.slice(0, at));
        value = at < 0 ? null : decodeURIComponent(part.slice(at + 1));
      } catch (e) {
        errors.push("'" + part + "' in the URL is not valid percent-encoding");
        return;
      }
      var pairs = function () {
        return (value || "").split(",").filter(function (x) { return x !== ""; }).map(function (x) {
          var c = x.indexOf(":");
          return c < 0 ? { id: x, text: "" } : { id: x.slice(0, c), text: x.slice(c + 1) };
        });
      };
      switch (key) {
        case "weight": st.weights = st.weights.concat(pairs()); break;
        case "category": st.categories = st.categories.concat(pairs()); break;
        case "drop": st.drop = st.drop.concat((value || "").split(",").filter(function (x) { return x !== ""; })); break;
        case "abstention": st.abstention = value || ""; break;
        case "missing": st.missing = value || ""; break;
        case "as-of": st.asOf = value || ""; break;
        case "dedupe": st.dedupe = value === null || value === "true" || value === "1"; break;
        case "where": {
          var c = (value || "").search(/[:=]/);
          st.where.push(c < 0 ? (value || "") : value.slice(0, c) + "=" + value.slice(c + 1));
          break;
        }
        default: errors.push("'" + key + "' is not a state key (weight, category, drop, abstention, missing, as-of, dedupe, where)");
      }
    });
    st.errors = errors;
    return st;
  }

  function enc(s) { return encodeURIComponent(s).replace(/%3A/gi, ":").replace(/%2C/gi, ","); }

  function toHash(st) {
    var parts = [];
    var list = function (key, xs) {
      if (xs.length) parts.push(key + "=" + xs.map(function (a) { return enc(a.id) + ":" + enc(a.text); }).join(","));
    };
    list("weight", st.weights);
    list("category", st.categories);
    if (st.drop.length) parts.push("drop=" + st.drop.map(enc).join(","));
    parts.push("abstention=" + enc(st.abstention));
    if (st.missing !== "declared") parts.push("missing=" + enc(st.missing));
    if (st.asOf !== "") parts.push("as-of=" + enc(st.asOf));
    if (st.dedupe) parts.push("dedupe=true");
    st.where.forEach(function (w) {
      var at = w.indexOf("=");
      parts.push("where=" + (at < 0 ? enc(w) : enc(w.slice(0, at)) + ":" + enc(w.slice(at + 1))));
    });
    return "#" + parts.join("&");
  }

  function shellQuote(s) {
    return /^[A-Za-z0-9_.,:=\/+@%-]+$/.test(s) ? s : "'" + s.replace(/'/g, "'\\''") + "'";
  }

  function commandLine(st) {
    var args = ["reweigh", "score"].concat(DATA.command);
    st.weights.forEach(function (a) { args.push("--weight", a.id + "=" + a.text); });
    st.categories.forEach(function (a) { args.push("--category", a.id + "=" + a.text); });
    st.drop.forEach(function (id) { args.push("--drop", id); });
    if (st.abstention !== "aa") args.push("--abstention", st.abstention);
    if (st.missing !== "declared") args.push("--missing", st.missing);
    if (st.asOf !== "") args.push("--as-of", st.asOf);
    if (st.dedupe) args.push("--dedupe");
    st.where.forEach(function (w) { args.push("--where", w); });
    return args.map(shellQuote).join(" ");
  }

  // The state checked as the CLI checks its flags; throws the CLI's message.
  function resolve(st) {
    if (st.errors.length) throw st.errors[0];
    var assignment = function (flag) {
      return function (a) {
        var form = flag + " ID=WEIGHT with WEIGHT a number, 0 or more (for example " + flag + " hle=2)";
        var w = parseFloatRust(trim(a.text));
        if (w === null || w < 0) throw flag + " '" + a.id + "=" + a.text + "': '" + a.text + "' is not a weight; expected " + form;
        return { id: trim(a.id), w: w };
      };
    };
    var overrides = {
      weights: st.weights.map(assignment("--weight")),
      categories: st.categories.map(assignment("--category")),
      drop: st.drop
    };
    var policy = parsePolicy(st.abstention);
    if (st.missing !== "declared" && st.missing !== "renormalize" && st.missing !== "renormalise") {
      throw "--missing '" + st.missing + "' is not a rule; expected 'declared' (each component's rule in the methodology) or 'renormalize'";
    }
    var asOf = st.asOf === "" ? null : parseDate(st.asOf);
    var where = st.where.map(parseFilter);
    var withPolicy = withAbstention(BASE, policy);
    var applied = applyOverrides(withPolicy, overrides);
    return {
      policy: policy, withPolicy: withPolicy, applied: applied,
      missing: st.missing === "declared" ? "declared" : "renormalize",
      rules: { asOf: asOf, dedupe: st.dedupe, where: where }
    };
  }

  // ---- Text shown from the data ----------------------------------------------------------------

  // Control and bidirectional characters written as \u{…}, as every text output of reweigh does.
  function visible(s) {
    return s.replace(/[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, function (c) {
      return "\\u{" + c.charCodeAt(0).toString(16).toUpperCase() + "}";
    });
  }
  function esc(s) {
    return visible(String(s)).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function fixed(x, n) { return x === null || x === undefined ? "" : x.toFixed(n); }
  function pct(x) { return (100 * x).toFixed(2) + "%"; }

  // ---- The page --------------------------------------------------------------------------------

  var $ = function (id) { return document.getElementById(id); };
  var state = emptyState();
  var current = null; // the last resolved state and its ranking
  var open = new Set();
  var COLORS = ["#1f5fa8", "#c2410c", "#15803d", "#7e22ce", "#a16207", "#0e7490", "#be123c", "#4d7c0f"];

  function field(label, input, note) {
    return "<div class=\"field\"><label for=\"" + input.id + "\">" + esc(label) + "</label>" + input.html +
      (note ? "<span class=\"note\" id=\"" + input.id + "-note\">" + note + "</span>" : "") + "</div>";
  }

  function numberInput(id, value, extra) {
    return { id: id, html: "<input type=\"text\" inputmode=\"decimal\" id=\"" + id + "\" value=\"" + esc(value) + "\" autocomplete=\"off\" spellcheck=\"false\"" + (extra || "") + ">" };
  }

  function overrideText(list, id, base) {
    for (var i = list.length - 1; i >= 0; i--) if (list[i].id === id) return list[i].text;
    return display(base);
  }

  // The weight controls for the methodology the policy makes (its components and categories).
  function buildWeights(withPolicy) {
    var h = "";
    withPolicy.categories.forEach(function (c, ci) {
      h += "<fieldset class=\"category\"><legend>" + esc(c.name) + "</legend>";
      h += field("Category weight (" + c.id + ")", numberInput("cw-" + ci, overrideText(state.categories, c.id, c.weight),
        " data-kind=\"category\" data-id=\"" + esc(c.id) + "\""), "<span class=\"share\" data-share-category=\"" + esc(c.id) + "\"></span>");
      withPolicy.components.forEach(function (k, ki) {
        if (k.category !== c.id) return;
        var dropped = state.drop.indexOf(k.id) >= 0;
        h += field(k.name + " (" + k.id + ")", numberInput("kw-" + ki, dropped ? "0" : overrideText(state.weights, k.id, k.weight),
          " data-kind=\"weight\" data-id=\"" + esc(k.id) + "\""), "<span class=\"share\" data-share=\"" + esc(k.id) + "\"></span>");
      });
      h += "</fieldset>";
    });
    $("weights").innerHTML = h;
  }

  var POLICY_KINDS = [
    ["aa", "AA: accuracy and non-hallucination", null],
    ["accuracy", "Accuracy (abstaining counts as not knowing)", null],
    ["penalty", "Penalty P per wrong answer", "1"],
    ["confidence", "Confidence target T", "0.75"],
    ["credit", "Credit K per abstention", "0.5"],
    ["attempted", "Accuracy on attempted questions", null],
    ["f1", "F1 of accuracy and attempted accuracy", null]
  ];

  function buildControls() {
    var creators = {};
    DATA.models.forEach(function (m) { var c = m.where.creator; if (c) creators[c] = (creators[c] || 0) + 1; });
    var names = Object.keys(creators).sort(function (a, b) { return a.localeCompare(b); });
    var h = "<div class=\"row\">";
    h += "<div class=\"field\"><label for=\"policy\">Abstention policy</label><select id=\"policy\">" +
      POLICY_KINDS.map(function (p) { return "<option value=\"" + p[0] + "\">" + esc(p[1]) + "</option>"; }).join("") + "</select></div>";
    h += field("Policy parameter", numberInput("policy-x", "", " disabled"));
    h += "<div class=\"field\"><label for=\"missing\">Missing components</label><select id=\"missing\">" +
      "<option value=\"declared\">As the methodology declares</option><option value=\"renormalize\">Renormalise</option></select></div>";
    h += "</div><div class=\"row\">";
    h += field("Released on or before (--as-of)", { id: "as-of", html: "<input type=\"text\" id=\"as-of\" placeholder=\"YYYY-MM-DD\" autocomplete=\"off\" spellcheck=\"false\">" });
    h += "<div class=\"field check\"><input type=\"checkbox\" id=\"dedupe\"><label for=\"dedupe\">One row per model (--dedupe)</label></div>";
    h += "<div class=\"field\"><label for=\"creator\">Creator</label><select id=\"creator\"><option value=\"\">Any</option>" +
      names.map(function (n) { return "<option value=\"" + esc(n) + "\">" + esc(n) + " (" + creators[n] + ")</option>"; }).join("") + "</select></div>";
    h += "<div class=\"field\"><label for=\"open-weights\">Open weights</label><select id=\"open-weights\"><option value=\"\">Any</option><option value=\"true\">Open</option><option value=\"false\">Proprietary</option></select></div>";
    h += "<div class=\"field\"><label for=\"reasoning\">Reasoning</label><select id=\"reasoning\"><option value=\"\">Any</option><option value=\"true\">Reasoning</option><option value=\"false\">Non-reasoning</option></select></div>";
    h += "</div><div class=\"row\">";
    h += field("Filters (--where, one COLUMN=VALUE[,VALUE] per line)", { id: "where", html: "<textarea id=\"where\" rows=\"2\" spellcheck=\"false\"></textarea>" });
    h += "</div><div class=\"row buttons\"><button type=\"button\" id=\"reset\">Reset to AA</button>" +
      "<button type=\"button\" id=\"initial\">The report's options</button></div>";
    // Open on wide screens; on a phone the ranking comes first and the weights open on demand.
    var wide = !(window.matchMedia && matchMedia("(max-width: 600px)").matches);
    h += "<details id=\"weights-box\"" + (wide ? " open" : "") + "><summary>Weights: " + BASE.categories.length +
      " categories, " + BASE.components.length + " evaluations (relative weights; 0 removes one)</summary><div id=\"weights\"></div></details>";
    $("controls").innerHTML = h;
  }

  function quickFilter(column) {
    for (var i = 0; i < state.where.length; i++) {
      var f = state.where[i];
      var at = f.indexOf("=");
      if (at > 0 && asciiLower(trim(f.slice(0, at))).replace(/-/g, "_") === column) return f.slice(at + 1);
    }
    return "";
  }

  function setQuickFilter(column, value) {
    state.where = state.where.filter(function (f) {
      var at = f.indexOf("=");
      return !(at > 0 && asciiLower(trim(f.slice(0, at))).replace(/-/g, "_") === column);
    });
    if (value !== "") state.where.push(column + "=" + value);
  }

  function syncControls(r) {
    var at = state.abstention.indexOf(":");
    var kind = at < 0 ? state.abstention : state.abstention.slice(0, at);
    var known = POLICY_KINDS.find(function (p) { return p[0] === kind; });
    $("policy").value = known ? kind : "aa";
    var x = $("policy-x");
    x.disabled = !(known && known[2] !== null);
    x.value = at < 0 ? "" : state.abstention.slice(at + 1);
    $("missing").value = state.missing === "declared" ? "declared" : "renormalize";
    $("as-of").value = state.asOf;
    $("dedupe").checked = state.dedupe;
    $("creator").value = quickFilter("creator");
    if ($("creator").selectedIndex < 0) $("creator").value = "";
    $("open-weights").value = quickFilter("open_weights");
    if ($("open-weights").selectedIndex < 0) $("open-weights").value = "";
    $("reasoning").value = quickFilter("is_reasoning");
    if ($("reasoning").selectedIndex < 0) $("reasoning").value = "";
    if (document.activeElement !== $("where")) $("where").value = state.where.join("\n");
    var focused = document.activeElement && document.activeElement.id;
    var withPolicy = r ? r.withPolicy : null;
    if (withPolicy && !(focused && /^(cw|kw)-/.test(focused))) buildWeights(withPolicy);
    if (r) {
      var shares = effectiveWeights(r.applied);
      document.querySelectorAll("[data-share]").forEach(function (el) {
        var s = shares[el.getAttribute("data-share")];
        el.textContent = s === undefined ? "dropped" : pct(s) + " of the index";
      });
      var byCategory = {};
      r.applied.components.forEach(function (k) { byCategory[k.category] = (byCategory[k.category] || 0) + shares[k.id]; });
      document.querySelectorAll("[data-share-category]").forEach(function (el) {
        var s = byCategory[el.getAttribute("data-share-category")];
        el.textContent = s === undefined ? "dropped" : pct(s) + " of the index";
      });
    }
  }

  function renderTable(r, sel) {
    var cats = r.applied.categories;
    var head = "<tr><th scope=\"col\">Rank</th><th scope=\"col\">Model</th><th scope=\"col\" class=\"n\">Index</th>" +
      cats.map(function (c) { return "<th scope=\"col\" class=\"n\">" + esc(c.name) + "</th>"; }).join("") +
      "<th scope=\"col\" class=\"n\">AA published</th></tr>";
    var rows = sel.models.map(function (x) {
      var m = x.model;
      var isOpen = open.has(visible(m.slug));
      var h = "<tr data-slug=\"" + esc(m.slug) + "\" data-index=\"" + (x.index === null ? "" : String(x.index)) + "\">" +
        "<td class=\"n\">" + (x.rank === null ? "–" : x.rank) + "</td>" +
        "<td><button type=\"button\" class=\"model\" aria-expanded=\"" + isOpen + "\" aria-controls=\"d-" + esc(m.slug) + "\">" +
        esc(m.model) + "</button><span class=\"slug\">" + esc(m.slug) + "</span></td>" +
        "<td class=\"n idx\">" + (x.index === null ? "no index" : fixed(x.index, 2)) + "</td>" +
        cats.map(function (c, ci) { return "<td class=\"n\">" + fixed(x.categories[ci], 2) + "</td>"; }).join("") +
        "<td class=\"n\">" + fixed(m.published_index, 2) + "</td></tr>";
      if (isOpen) h += detailRow(x, cats.length + 4);
      return h;
    });
    $("ranking").tHead.innerHTML = head;
    $("ranking").tBodies[0].innerHTML = rows.join("");
  }

  function detailRow(x, span) {
    var m = x.model;
    var h = "<tr class=\"detail\" id=\"d-" + esc(m.slug) + "\"><td colspan=\"" + span + "\">";
    if (x.index === null) {
      h += "<p>No index: " + (x.missing.length ? "missing " + esc(x.missing.join(", ")) + "; --missing renormalize drops missing components" : "") + "</p>";
    } else {
      h += "<table class=\"parts\"><caption>How " + esc(m.model) + " gets " + fixed(x.index, 4) + " index points</caption>" +
        "<thead><tr><th scope=\"col\">Component</th><th scope=\"col\" class=\"n\">Normalised score</th><th scope=\"col\" class=\"n\">Weight (points per unit score)</th><th scope=\"col\" class=\"n\">Contribution</th></tr></thead><tbody>";
      x.contributions.forEach(function (c) {
        h += "<tr><td>" + esc(c.name) + "</td><td class=\"n\">" + c.score.toFixed(4) + "</td><td class=\"n\">" + c.weight.toFixed(4) +
          "</td><td class=\"n\">" + c.contribution.toFixed(4) + "</td></tr>";
      });
      h += "</tbody></table>";
    }
    var notes = x.flags.slice();
    Object.keys(m.freeze).forEach(function (k) { notes.push(k + ": " + m.freeze[k] + " value"); });
    if (notes.length) h += "<p class=\"note\">" + esc(notes.join("; ")) + "</p>";
    return h + "</td></tr>";
  }

  function renderChart(r, sel) {
    var top = sel.models.filter(function (x) { return x.index !== null; }).slice(0, 20);
    var cats = r.applied.categories;
    if (top.length === 0) { $("chart").innerHTML = ""; return; }
    var max = Math.max.apply(null, top.map(function (x) { return x.index; }));
    // Drawn at the width it is shown at (text stays 12 px on a phone), at most 760 px.
    var w = Math.max(300, Math.min(760, $("chart").clientWidth || 760));
    var labelW = Math.round(w * 0.34), barW = w - labelW - 48, rowH = 22, top0 = 8, h = top0 + rowH * top.length + 8;
    var chars = Math.floor((labelW - 8) / 6.6);
    var s = "<svg width=\"" + w + "\" height=\"" + h + "\" viewBox=\"0 0 " + w + " " + h + "\" role=\"img\" aria-labelledby=\"chart-title\"><title id=\"chart-title\">The first " +
      top.length + " of the ranking, bars split into category contributions</title>";
    top.forEach(function (x, i) {
      var y = top0 + i * rowH;
      var label = x.rank + ". " + visible(x.model.model);
      if (label.length > chars) label = label.slice(0, chars - 1) + "…";
      s += "<text x=\"" + (labelW - 6) + "\" y=\"" + (y + 15) + "\" text-anchor=\"end\">" + esc(label) + "<title>" + esc(x.model.model) + "</title></text>";
      var at = labelW;
      cats.forEach(function (c, ci) {
        var part = 0;
        x.contributions.forEach(function (k) { if (k.category === ci) part += k.contribution; });
        var bw = max > 0 ? barW * part / max : 0;
        if (bw > 0) {
          s += "<rect x=\"" + at.toFixed(2) + "\" y=\"" + (y + 3) + "\" width=\"" + bw.toFixed(2) + "\" height=\"" + (rowH - 6) +
            "\" fill=\"" + COLORS[ci % COLORS.length] + "\"><title>" + esc(c.name + ": " + part.toFixed(2) + " points") + "</title></rect>";
        }
        at += bw;
      });
      s += "<text x=\"" + (at + 4).toFixed(2) + "\" y=\"" + (y + 15) + "\">" + fixed(x.index, 2) + "</text>";
    });
    s += "</svg>";
    var legend = "<ul class=\"legend\">" + cats.map(function (c, ci) {
      return "<li><span class=\"swatch\" style=\"background:" + COLORS[ci % COLORS.length] + "\"></span>" + esc(c.name) + "</li>";
    }).join("") + "</ul>";
    $("chart").innerHTML = legend + s;
  }

  function counted(sel, rules) {
    var n = sel.models.filter(function (x) { return x.index !== null; }).length;
    var s = n + " " + (rules.dedupe ? (n === 1 ? "model" : "models") : (n === 1 ? "model variant" : "model variants"));
    if (rules.asOf !== null) s += " released by " + rules.asOf;
    rules.where.forEach(function (f, i) { s += (i === 0 ? " with " : " and ") + f.column + " = " + f.values.join(" or "); });
    s += rules.dedupe ? ", one row per model (its best-scoring variant)" : ", one row per variant";
    if (sel.leftOut) s += "; " + sel.leftOut + " rows left out by --as-of/--where";
    if (sel.folded) s += "; " + sel.folded + " variants folded";
    return s;
  }

  var hashSeq = 0;
  function update(fromHash) {
    var t0 = performance.now();
    var hash = toHash(state);
    if (!fromHash && location.hash !== hash) history.replaceState(null, "", hash);
    $("command").textContent = commandLine(state);
    var r = null, sel = null;
    try {
      r = resolve(state);
      var scored = scoreAll(r.applied, r.missing);
      var bad = scored.find(function (x) { return x.index !== null && !isFinite(x.index); });
      if (bad) throw "model " + bad.model.slug + " has no finite index under these weights";
      sel = select(scored, r.rules);
      $("error").textContent = "";
    } catch (e) {
      $("error").textContent = "error: " + (e && e.message ? e.message : e);
      r = r && sel ? r : null;
    }
    syncControls(r);
    var seq = ++hashSeq;
    if (r && sel) {
      current = { r: r, sel: sel };
      renderTable(r, sel);
      renderChart(r, sel);
      $("summary").textContent = counted(sel, r.rules) + ". Methodology " + r.applied.name + " " + r.applied.version +
        ", abstention " + policyText(r.policy) + ".";
      $("hash").textContent = "computing…";
      document.body.removeAttribute("data-hash");
      sha256(canonical(r.applied)).then(function (hex) {
        if (seq !== hashSeq) return;
        $("hash").textContent = hex;
        document.body.setAttribute("data-hash", hex);
      }, function (e) {
        if (seq !== hashSeq) return;
        $("hash").textContent = "not computed: " + e.message;
      });
    } else {
      current = null;
      $("ranking").tBodies[0].innerHTML = "";
      $("chart").innerHTML = "";
      $("summary").textContent = "";
      $("hash").textContent = "";
      document.body.removeAttribute("data-hash");
    }
    document.body.setAttribute("data-state", hash.slice(1));
    return performance.now() - t0;
  }

  function onInput(e) {
    var el = e.target;
    var kind = el.getAttribute && el.getAttribute("data-kind");
    if (kind === "weight" || kind === "category") {
      var id = el.getAttribute("data-id");
      var list = kind === "weight" ? "weights" : "categories";
      state[list] = state[list].filter(function (a) { return a.id !== id; });
      if (kind === "weight") state.drop = state.drop.filter(function (d) { return d !== id; });
      var text = trim(el.value);
      if (text !== "") state[list].push({ id: id, text: text });
      el.setAttribute("aria-invalid", parseFloatRust(text) === null && text !== "" ? "true" : "false");
    } else if (el.id === "policy" || el.id === "policy-x") {
      var p = POLICY_KINDS.find(function (q) { return q[0] === $("policy").value; });
      if (el.id === "policy") $("policy-x").value = p[2] === null ? "" : p[2];
      var x = trim($("policy-x").value);
      state.abstention = p[2] === null ? p[0] : p[0] + ":" + x;
      // Weights of components the policy removes or adds no longer apply.
      var ids = withAbstention(BASE, safePolicy()).components.map(function (k) { return k.id; });
      state.weights = state.weights.filter(function (a) { return ids.indexOf(a.id) >= 0; });
      state.drop = state.drop.filter(function (d) { return ids.indexOf(d) >= 0; });
      if (el.id === "policy") buildWeights(withAbstention(BASE, safePolicy()));
    } else if (el.id === "missing") {
      state.missing = el.value;
    } else if (el.id === "as-of") {
      state.asOf = trim(el.value);
    } else if (el.id === "dedupe") {
      state.dedupe = el.checked;
    } else if (el.id === "creator" || el.id === "open-weights" || el.id === "reasoning") {
      setQuickFilter({ creator: "creator", "open-weights": "open_weights", reasoning: "is_reasoning" }[el.id], el.value);
    } else if (el.id === "where") {
      state.where = el.value.split("\n").map(trim).filter(function (l) { return l !== ""; });
    } else {
      return;
    }
    update(false);
  }

  function safePolicy() {
    try { return parsePolicy(state.abstention); } catch (e) { return { kind: "aa" }; }
  }

  function fromLocation() {
    var hash = location.hash;
    if (hash === "" || hash === "#") hash = "#" + DATA.initial_state;
    state = parseHash(hash);
    buildWeights(withAbstention(BASE, safePolicy()));
  }

  buildControls();
  fromLocation();
  var controls = $("controls");
  // Dates and filters apply when complete (on change: Enter or leaving the field), weights and
  // policy parameters as they are typed.
  controls.addEventListener("input", function (e) { if (e.target.id !== "as-of" && e.target.id !== "where") onInput(e); });
  controls.addEventListener("change", function (e) { if (e.target.tagName === "SELECT" || e.target.type === "checkbox") return; onInput(e); });
  $("reset").addEventListener("click", function () {
    state = emptyState();
    buildWeights(BASE);
    update(false);
  });
  $("initial").addEventListener("click", function () {
    state = parseHash("#" + DATA.initial_state);
    buildWeights(withAbstention(BASE, safePolicy()));
    update(false);
  });
  window.addEventListener("hashchange", function () { fromLocation(); update(true); });
  $("ranking").addEventListener("click", function (e) {
    var b = e.target.closest("button.model");
    if (!b || !current) return;
    var slug = b.closest("tr").getAttribute("data-slug");
    if (open.has(slug)) open.delete(slug); else open.add(slug);
    renderTable(current.r, current.sel);
    var again = document.querySelector("#ranking tr[data-slug=\"" + CSS.escape(slug) + "\"] button.model");
    if (again) again.focus();
  });
  var renderMs = update(true);
  var readyMs = performance.now();
  document.body.setAttribute("data-render-ms", renderMs.toFixed(1));
  document.body.setAttribute("data-script-ms", (readyMs - started).toFixed(1));
  document.body.setAttribute("data-ready-ms", readyMs.toFixed(1));
  $("timing").textContent = "First render " + renderMs.toFixed(1) + " ms (script " + (readyMs - started).toFixed(1) +
    " ms, " + readyMs.toFixed(0) + " ms after navigation start).";

  // For tests and the curious: the functions that make the numbers.
  window.reweighExplorer = {
    ryu: ryu, display: display, canonical: canonical, parsePolicy: parsePolicy, policyScore: policyScore,
    withAbstention: withAbstention, applyOverrides: applyOverrides, weightScale: weightScale, scoreAll: scoreAll,
    parseHash: parseHash, toHash: toHash, commandLine: commandLine, data: DATA
  };
})();
