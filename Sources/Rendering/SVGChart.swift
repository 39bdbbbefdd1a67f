import Foundation

/// A standalone SVG line chart for `plot MODEL loss,val_loss to "x.svg"`.
///
/// The document declares `xmlns`, `width`/`height` and a matching `viewBox`, draws grid lines,
/// axes with tick labels and titles, one polyline per run of finite points (NaN breaks a line)
/// with a dot at each point, a legend with each series' colour, and a title. Colours follow
/// matplotlib's defaults. All text is XML-escaped; coordinates have one decimal.
public enum SVGChart {
    /// The SVG text, or a chart with only the title and a "no finite values" note when there is nothing to draw.
    /// - Parameters:
    ///   - series: the lines to overlay, legend order.
    ///   - title: the chart title (e.g. `lstm1: loss, val_loss`).
    ///   - xTitle: the x axis title.
    ///   - yTitle: the y axis title.
    ///   - width: pixels.
    ///   - height: pixels.
    public static func render(_ series: [ChartSeries], title: String, xTitle: String = "epoch",
                              yTitle: String = "value", width: Int = 640, height: Int = 400) -> String {
        let left = 70.0, right = Double(width) - 20, top = 40.0, bottom = Double(height) - 50
        var svg = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" font-family="sans-serif" font-size="12">
            <rect width="\(width)" height="\(height)" fill="white"/>
            <text x="\(f(Double(width) / 2))" y="24" text-anchor="middle" font-size="16">\(escape(title))</text>

            """
        guard let data = ChartData(series, xTicks: 8, yTicks: 6) else {
            return svg + "<text x=\"\(f(Double(width) / 2))\" y=\"\(f(Double(height) / 2))\" text-anchor=\"middle\">no finite values</text>\n</svg>\n"
        }
        func px(_ x: Double) -> Double { left + data.x.fraction(x) * (right - left) }
        func py(_ y: Double) -> Double { bottom - data.y.fraction(y) * (bottom - top) }

        svg += "<g stroke=\"#e6e6e6\" stroke-width=\"1\">\n"
        for t in data.y.ticks { svg += "<line x1=\"\(f(left))\" y1=\"\(f(py(t)))\" x2=\"\(f(right))\" y2=\"\(f(py(t)))\"/>\n" }
        for t in data.x.ticks { svg += "<line x1=\"\(f(px(t)))\" y1=\"\(f(top))\" x2=\"\(f(px(t)))\" y2=\"\(f(bottom))\"/>\n" }
        svg += "</g>\n"
        svg += "<path d=\"M\(f(left)) \(f(top))V\(f(bottom))H\(f(right))\" fill=\"none\" stroke=\"black\" stroke-width=\"1\"/>\n"
        svg += "<g text-anchor=\"end\">\n"
        for t in data.y.ticks { svg += "<text x=\"\(f(left - 6))\" y=\"\(f(py(t) + 4))\">\(data.y.label(t))</text>\n" }
        svg += "</g>\n<g text-anchor=\"middle\">\n"
        for t in data.x.ticks { svg += "<text x=\"\(f(px(t)))\" y=\"\(f(bottom + 18))\">\(data.x.label(t))</text>\n" }
        svg += "<text x=\"\(f((left + right) / 2))\" y=\"\(f(bottom + 40))\">\(escape(xTitle))</text>\n"
        svg += "<text x=\"18\" y=\"\(f((top + bottom) / 2))\" transform=\"rotate(-90 18 \(f((top + bottom) / 2)))\">\(escape(yTitle))</text>\n"
        svg += "</g>\n"

        for (index, s) in series.enumerated() {
            let colour = ChartPalette.svg(index)
            svg += "<g stroke=\"\(colour)\" fill=\"\(colour)\">\n"
            for run in ChartData.runs(s) {
                let points = run.map { "\(f(px($0.x))),\(f(py($0.y)))" }.joined(separator: " ")
                svg += "<polyline points=\"\(points)\" fill=\"none\" stroke-width=\"2\"/>\n"
                for p in run { svg += "<circle cx=\"\(f(px(p.x)))\" cy=\"\(f(py(p.y)))\" r=\"2.5\" stroke=\"none\"/>\n" }
            }
            svg += "</g>\n"
        }

        let legendWidth = 40 + 7 * Double(series.map(\.name.count).max() ?? 0)
        let legendX = right - legendWidth - 10, legendY = top + 10
        svg += "<g>\n<rect x=\"\(f(legendX))\" y=\"\(f(legendY))\" width=\"\(f(legendWidth))\" height=\"\(f(Double(series.count) * 18 + 8))\" fill=\"white\" fill-opacity=\"0.85\" stroke=\"#cccccc\"/>\n"
        for (index, s) in series.enumerated() {
            let y = legendY + 16 + Double(index) * 18
            svg += "<line x1=\"\(f(legendX + 8))\" y1=\"\(f(y - 4))\" x2=\"\(f(legendX + 28))\" y2=\"\(f(y - 4))\" stroke=\"\(ChartPalette.svg(index))\" stroke-width=\"2\"/>\n"
            svg += "<text x=\"\(f(legendX + 34))\" y=\"\(f(y))\">\(escape(s.name))</text>\n"
        }
        svg += "</g>\n</svg>\n"
        return svg
    }

    /// `text` with `& < > " '` replaced by XML entities.
    public static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(ch)
            }
        }
        return out
    }

    private static func f(_ v: Double) -> String { String(format: "%.1f", v) }
}
