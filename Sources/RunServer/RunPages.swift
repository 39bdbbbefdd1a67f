import Foundation
import Rendering
import RunStore
import Training

/// The text `lab serve` sends: the page (HTML, CSS and script in one string, no CDN, no build
/// step), the run list as JSON, and HTML fragments for one run or a comparison, with their
/// history charts as inline SVG (`SVGChart`, one dot per epoch). Pure functions, so tests read them.
public enum RunPages {
    /// The run list as JSON objects with the `runs` table's cells.
    public static func runsJSON(_ runs: [StoredRun]) -> String {
        let items = runs.map { r -> [String: String] in
            ["id": String(r.id), "when": RunText.when(r.startedAt), "kind": r.kind.rawValue, "status": r.status.rawValue,
             "model": r.model, "data": r.data, "epochs": r.kind == .train ? String(r.epochs.count) : "-",
             "best_val": RunText.bestValidation(r) ?? "-", "test": RunText.headline(r.kind == .train ? r.test : r.results) ?? "-"]
        }
        let data = (try? JSONSerialization.data(withJSONObject: items, options: [.sortedKeys])) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// One run: `show run`'s text, its loss chart and its metric chart (train), or its confusion matrix (report).
    public static func runFragment(_ run: StoredRun) -> String {
        var html = "<h2>run \(run.id)</h2>\n"
        if run.kind == .train {
            let history = History(epochs: run.epochs)
            for keys in chartGroups(history) {
                html += chart(keys.map { ChartSeries(name: $0, history: history, key: $0) }, title: "run \(run.id): " + keys.joined(separator: ", "),
                              id: "chart-\(keys[0])")
            }
        }
        if let roc = run.roc {
            let svg = ROCChart.svg(roc, model: run.model, data: run.data)
            html += "<div class=\"chart\" id=\"chart-roc\">\n" + (svg.split(separator: "\n", maxSplits: 1).last.map(String.init) ?? svg) + "</div>\n"
        }
        if run.kind == .report, let matrix = confusionTable(run.results) { html += matrix }
        html += "<pre class=\"detail\">" + SVGChart.escape(RunText.detail(run)) + "</pre>\n"
        return html
    }

    /// Several train runs side by side: the `compare` table and each history column overlaid.
    public static func compareFragment(_ runs: [StoredRun]) -> String {
        var html = "<h2>" + runs.map { "run \($0.id)" }.joined(separator: " vs ") + "</h2>\n"
        html += "<pre class=\"compare\">" + SVGChart.escape(CompareTable.render(runs.map(RunText.compareRow))) + "</pre>\n"
        let histories = runs.map { ($0.id, History(epochs: $0.epochs)) }
        var keys: [String] = []
        for (_, h) in histories { for k in h.keys where !keys.contains(k) { keys.append(k) } }
        for key in keys {
            let series = histories.filter { !$0.1.series(key).isEmpty }.map { ChartSeries(name: "run \($0.0) \(key)", history: $0.1, key: key) }
            html += chart(series, title: key, id: "chart-\(key)")
        }
        return html
    }

    /// History columns in charts: losses together, then each metric with its validation twin.
    static func chartGroups(_ history: History) -> [[String]] {
        let keys = history.keys
        var groups: [[String]] = []
        for key in keys where !key.hasPrefix("val_") {
            groups.append([key] + (keys.contains("val_" + key) ? ["val_" + key] : []))
        }
        for key in keys where key.hasPrefix("val_") && !keys.contains(String(key.dropFirst(4))) { groups.append([key]) }
        return groups
    }

    private static func chart(_ series: [ChartSeries], title: String, id: String) -> String {
        let svg = SVGChart.render(series, title: title, yTitle: "value")
        let body = svg.split(separator: "\n", maxSplits: 1).last.map(String.init) ?? svg
        return "<div class=\"chart\" id=\"\(SVGChart.escape(id))\">\n\(body)</div>\n"
    }

    /// A report's `confusion[TRUE,PREDICTED]` results as an HTML table.
    static func confusionTable(_ results: [MetricValue]) -> String? {
        var cells: [(String, String, Float)] = []
        for r in results where r.name.hasPrefix("confusion[") && r.name.hasSuffix("]") {
            let inner = r.name.dropFirst("confusion[".count).dropLast()
            guard let comma = inner.lastIndex(of: ",") else { continue }
            cells.append((String(inner[..<comma]), String(inner[inner.index(after: comma)...]), r.value))
        }
        guard !cells.isEmpty else { return nil }
        var classes: [String] = []
        for c in cells where !classes.contains(c.0) { classes.append(c.0) }
        var html = "<table class=\"confusion\"><caption>confusion matrix (rows: true class, columns: predicted class)</caption>\n<tr><th></th>"
        html += classes.map { "<th>\(SVGChart.escape($0))</th>" }.joined() + "</tr>\n"
        for t in classes {
            html += "<tr><th>\(SVGChart.escape(t))</th>"
            html += classes.map { p in "<td>\(Int(cells.first { $0.0 == t && $0.1 == p }?.2 ?? 0))</td>" }.joined() + "</tr>\n"
        }
        return html + "</table>\n"
    }

    /// The page: the run list (refreshed every second), the chosen run or comparison (`?run=12`,
    /// `?compare=12,17`, or ticking runs and pressing compare), its charts redrawn while it trains.
    public static let page = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>lab runs</title>
        <style>
        body { font-family: sans-serif; margin: 1.5em; color: #222; }
        table.runs { border-collapse: collapse; font-size: 14px; }
        table.runs th, table.runs td { padding: 3px 10px; border-bottom: 1px solid #ddd; text-align: left; }
        table.runs tr.run-row:hover { background: #f3f6fb; cursor: pointer; }
        table.runs tr.chosen { background: #e3ecfa; }
        .status-running { color: #c06000; font-weight: bold; }
        .chart { display: inline-block; margin: 8px 8px 0 0; }
        pre { background: #f7f7f7; padding: 8px; font-size: 12px; overflow-x: auto; }
        table.confusion td, table.confusion th { padding: 2px 10px; text-align: right; }
        </style></head>
        <body>
        <h1>lab runs</h1>
        <table class="runs" id="runs"><thead><tr><th></th><th>id</th><th>when</th><th>kind</th><th>status</th><th>model</th>
        <th>data</th><th>epochs</th><th>best val</th><th>test</th></tr></thead><tbody></tbody></table>
        <p><button id="compare">compare ticked runs</button></p>
        <div id="detail"></div>
        <script>
        const params = new URLSearchParams(location.search);
        let chosen = params.get("run"), comparing = params.get("compare");
        const ticked = new Set();
        let lastDetail = "";
        function cell(text) { const td = document.createElement("td"); td.textContent = text; return td; }
        async function refreshRuns() {
          const runs = await (await fetch("/api/runs")).json();
          const body = document.querySelector("#runs tbody");
          body.replaceChildren(...runs.map(r => {
            const tr = document.createElement("tr");
            tr.className = "run-row" + (r.id === chosen ? " chosen" : "");
            tr.dataset.id = r.id;
            const box = document.createElement("input");
            box.type = "checkbox"; box.checked = ticked.has(r.id);
            box.onclick = e => { e.stopPropagation(); box.checked ? ticked.add(r.id) : ticked.delete(r.id); };
            const first = document.createElement("td"); first.appendChild(box); tr.appendChild(first);
            for (const k of ["id", "when", "kind", "status", "model", "data", "epochs", "best_val", "test"]) {
              const td = cell(r[k]); if (k === "status") td.className = "status-" + r[k]; tr.appendChild(td);
            }
            tr.onclick = () => { chosen = r.id; comparing = null; history.replaceState(null, "", "?run=" + r.id); refresh(); };
            return tr;
          }));
        }
        async function refreshDetail() {
          const url = comparing ? "/compare?ids=" + comparing : chosen ? "/run/" + chosen : null;
          if (!url) return;
          const html = await (await fetch(url)).text();
          if (html === lastDetail) return;
          lastDetail = html;
          const detail = document.getElementById("detail");
          detail.innerHTML = html;
          // How often the view was redrawn and how many points its first chart first had: a run in
          // training redraws once per finished epoch (the browser test reads both).
          detail.dataset.redraws = String(Number(detail.dataset.redraws || 0) + 1);
          const first = detail.querySelector(".chart");
          if (first && !detail.dataset.firstPoints) detail.dataset.firstPoints = String(first.querySelectorAll("circle").length);
        }
        async function refresh() { try { await refreshRuns(); await refreshDetail(); } catch (e) {} }
        document.getElementById("compare").onclick = () => {
          if (ticked.size < 1) return;
          comparing = [...ticked].join(","); chosen = null;
          history.replaceState(null, "", "?compare=" + comparing); refresh();
        };
        refresh();
        setInterval(refresh, 1000);
        </script>
        </body></html>

        """
}
