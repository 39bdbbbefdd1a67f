/// A line chart drawn with Unicode braille for `plot MODEL loss,val_loss` in the terminal.
///
/// Each character cell holds 2×4 dots, so a `width`×`height` plot has (2·width)×(4·height) dots.
/// Lines join consecutive points; NaN or infinite values break the line. The y axis carries tick
/// labels at nice values, the x axis epoch ticks and the title `epoch`; a legend names each series.
/// With `colors`, each series gets an ANSI 256-colour (a cell shared by two series takes the later
/// one's colour); without, the output is plain text. Rows carry no trailing spaces.
///
/// ```
/// 0.70 ┤⠉⠒⠢⢄⣀
///      │     ⠉⠉⠒⠒⠤⠤⣀⣀
/// 0.20 ┤            ⠉⠉
///      └┬──────┬──────┬
///       1      2      3
///            epoch
/// ━━ loss  ━━ val_loss
/// ```
public enum TerminalChart {
    /// The chart text, or a one-line note when no series has a finite value.
    /// - Parameters:
    ///   - series: the lines to overlay, legend order.
    ///   - width: plot columns (cells), at least 2.
    ///   - height: plot rows (cells), at least 2.
    ///   - colors: whether to emit ANSI colour escapes.
    ///   - xTitle: the x axis title.
    public static func render(_ series: [ChartSeries], width: Int = 60, height: Int = 15,
                              colors: Bool, xTitle: String = "epoch") -> String {
        precondition(width >= 2 && height >= 2, "TerminalChart: plot must be at least 2×2 cells")
        guard let data = ChartData(series, xTicks: max(2, width / 8), yTicks: max(3, height / 2)) else {
            return "nothing to plot: no finite values\n"
        }
        var canvas = BrailleCanvas(width: width, height: height)
        let dotsX = Double(2 * width - 1), dotsY = Double(4 * height - 1)
        func dot(_ p: (x: Double, y: Double)) -> (Int, Int) {
            (Int((data.x.fraction(p.x) * dotsX).rounded()), Int(((1 - data.y.fraction(p.y)) * dotsY).rounded()))
        }
        for (index, s) in series.enumerated() {
            for run in ChartData.runs(s) {
                var previous = dot(run[0])
                canvas.set(previous, series: index)
                for p in run.dropFirst() {
                    let next = dot(p)
                    canvas.line(from: previous, to: next, series: index)
                    previous = next
                }
            }
        }

        // y labels on the rows nearest their ticks (the first tick wins a shared row).
        var rowLabels = [Int: String]()
        for tick in data.y.ticks {
            let row = Int(((1 - data.y.fraction(tick)) * dotsY).rounded()) / 4
            if rowLabels[row] == nil { rowLabels[row] = data.y.label(tick) }
        }
        let labelWidth = rowLabels.values.map(\.count).max() ?? 0
        func pad(_ s: String, _ n: Int) -> String { String(repeating: " ", count: max(0, n - s.count)) + s }

        var out = ""
        for row in 0..<height {
            let label = rowLabels[row]
            out += pad(label ?? "", labelWidth) + (label == nil ? " │" : " ┤") + canvas.row(row, colors: colors) + "\n"
        }

        // x axis: tick marks, then labels centred on them where they fit.
        let tickColumns = data.x.ticks.map { Int((data.x.fraction($0) * dotsX).rounded()) / 2 }
        var axis = Array(repeating: Character("─"), count: width)
        for c in tickColumns { axis[c] = "┬" }
        out += String(repeating: " ", count: labelWidth) + " └" + String(axis) + "\n"
        var labels = [Character](repeating: " ", count: width + 8)
        var freeFrom = 0
        for (tick, column) in zip(data.x.ticks, tickColumns) {
            let text = Array(data.x.label(tick))
            let start = max(0, column - (text.count - 1) / 2)
            guard start >= freeFrom, start + text.count <= labels.count else { continue }
            labels.replaceSubrange(start..<start + text.count, with: text)
            freeFrom = start + text.count + 1
        }
        out += (String(repeating: " ", count: labelWidth + 2) + String(labels)).replacingTrailingSpaces() + "\n"
        out += String(repeating: " ", count: labelWidth + 2 + max(0, (width - xTitle.count) / 2)) + xTitle + "\n"
        let legend = series.enumerated().map { index, s in
            colors ? ChartPalette.ansiStart(index) + "━━" + ChartPalette.ansiReset + " " + s.name : "━━ " + s.name
        }
        out += legend.joined(separator: "  ") + "\n"
        return out
    }
}

extension String {
    /// The string without trailing spaces.
    func replacingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
