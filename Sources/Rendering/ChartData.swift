/// The axes shared by every chart of a set of series: epoch x axis, value y axis, over finite points.
struct ChartData {
    let series: [ChartSeries]
    let x: AxisScale
    let y: AxisScale

    /// Axes for `series`, or nil when no series has a finite point.
    init?(_ series: [ChartSeries], xTicks: Int, yTicks: Int) {
        let finite = series.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite }
        guard let first = finite.first else { return nil }
        var xs = (first.x, first.x), ys = (first.y, first.y)
        for p in finite {
            xs = (min(xs.0, p.x), max(xs.1, p.x))
            ys = (min(ys.0, p.y), max(ys.1, p.y))
        }
        self.series = series
        x = AxisScale.epochs(first: xs.0, last: xs.1, tickCount: xTicks)
        y = AxisScale.values(low: ys.0, high: ys.1, tickCount: yTicks)
    }

    /// The runs of consecutive finite points of a series; a non-finite value splits runs.
    static func runs(_ series: ChartSeries) -> [[(x: Double, y: Double)]] {
        var runs: [[(x: Double, y: Double)]] = [[]]
        for p in series.points {
            if p.x.isFinite && p.y.isFinite { runs[runs.count - 1].append(p) } else if !runs[runs.count - 1].isEmpty { runs.append([]) }
        }
        return runs.filter { !$0.isEmpty }
    }
}
