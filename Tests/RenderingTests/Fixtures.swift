import Training

/// Small histories shared by the table, CSV and chart tests.
enum Fixtures {
    /// Three epochs with accuracy and validation, evaluated on 2,500 test samples.
    static var lstm: History {
        var h = History()
        h.append(train: [MetricValue("loss", 0.6931), MetricValue("accuracy", 0.5012)],
                 validation: [MetricValue("loss", 0.6925), MetricValue("accuracy", 0.51)], seconds: 12.34)
        h.append(train: [MetricValue("loss", 0.4102), MetricValue("accuracy", 0.8207)],
                 validation: [MetricValue("loss", 0.3811), MetricValue("accuracy", 0.8433)], seconds: 11.9)
        h.append(train: [MetricValue("loss", 0.2301), MetricValue("accuracy", 0.9125)],
                 validation: [MetricValue("loss", 0.4012), MetricValue("accuracy", 0.8391)], seconds: 131.76)
        h.test = TestResult(loss: 0.31, metrics: [MetricValue("accuracy", 0.8712)], samples: 2500, epoch: 3)
        return h
    }

    /// Two epochs without validation, never evaluated.
    static var cnn: History {
        var h = History()
        h.append(train: [MetricValue("loss", 0.55), MetricValue("accuracy", 0.7)], seconds: 4)
        h.append(train: [MetricValue("loss", 0.35), MetricValue("accuracy", 0.85)], seconds: 4.5)
        return h
    }
}
