import LabData
import Language
import NeuralNet
import Training
import XCTest

/// Every statement form of LANGUAGE.md parses to the expected typed command.
final class CommandFormsTests: XCTestCase {
    func testSessionForms() {
        let table: [(String, Command)] = [
            ("seed 7", .seed(7)),
            ("set threads=2", .set([.threads(2)])),
            ("help", .help(nil)),
            ("help train", .help(.train)),
            ("HELP Train", .help(.train)),
            ("help lstm", .help(.model)),
            ("list", .list),
            ("run \"experiments/x.exp\"", .run(path: "experiments/x.exp")),
            ("record \"session.exp\"", .record(path: "session.exp")),
            ("record off", .record(path: nil)),
            ("echo \"any text\"", .echo("any text")),
            ("echo \"say \\\"hi\\\" \\\\ bye\"", .echo("say \"hi\" \\ bye")),
            ("quit", .quit),
            ("exit", .quit),
            ("seed 7   # every random choice after this is reproducible", .seed(7)),
        ]
        for (line, expected) in table { XCTAssertEqual(command(line), expected, line) }
    }

    func testDataForms() {
        let reviews = DatasetReference(name: "reviews")
        let table: [(String, Command)] = [
            ("load reviews from \"data/reviews.csv\" text=review label=sentiment positive=positive",
             .load(reviews, path: "data/reviews.csv",
                   options: LoadOptions(textColumn: "review", labelColumn: "sentiment", positive: ["positive"]))),
            ("load amazon from \"data/train.ft.txt\"",
             .load(DatasetReference(name: "amazon"), path: "data/train.ft.txt", options: LoadOptions())),
            ("load amazon from \"data/train.ft.txt\" stream=true",
             .load(DatasetReference(name: "amazon"), path: "data/train.ft.txt", options: LoadOptions(stream: true))),
            ("load amazon from \"data/amazon.tsv\" text=review_body label=star_rating positive=4,5 negative=1,2",
             .load(DatasetReference(name: "amazon"), path: "data/amazon.tsv",
                   options: LoadOptions(textColumn: "review_body", labelColumn: "star_rating",
                                        positive: ["4", "5"], negative: ["1", "2"]))),
            ("load imdb from \"data/aclImdb/train\"",
             .load(DatasetReference(name: "imdb"), path: "data/aclImdb/train", options: LoadOptions())),
            ("load arrays from \"data/datas.npz\" x=a y=c",
             .load(DatasetReference(name: "arrays"), path: "data/datas.npz", options: LoadOptions(xMember: "a", yMember: "c"))),
            ("load sst.train from \"data/sst2/train.tsv\"",
             .load(DatasetReference(name: "sst", split: .train), path: "data/sst2/train.tsv", options: LoadOptions())),
            ("load sst.test from \"data/sst2/test.tsv\"",
             .load(DatasetReference(name: "sst", split: .test), path: "data/sst2/test.tsv", options: LoadOptions())),
            ("load r from \"r.txt\" format=tsv header=false limit=100 text=2 label=1",
             .load(DatasetReference(name: "r"), path: "r.txt",
                   options: LoadOptions(format: .tsv, textColumn: "2", labelColumn: "1", header: false, limit: 100))),
            ("describe reviews", .describe(reviews)),
            ("describe reviews.val", .describe(DatasetReference(name: "reviews", split: .val))),
            ("show reviews n=5", .show(reviews, rows: 5)),
            ("show reviews", .show(reviews, rows: 5)),
            ("split reviews train=0.8 val=0.1 test=0.1 shuffle=true",
             .split(dataset: "reviews", fractions: SplitFractions(train: 0.8, val: 0.1, test: 0.1), shuffle: true)),
            ("split reviews train=0.9 shuffle=false",
             .split(dataset: "reviews", fractions: SplitFractions(train: 0.9, val: 0, test: 0), shuffle: false)),
            ("tokenize fresh like m2", .tokenizeLike(dataset: "fresh", model: "m2")),
            ("tokenize fresh LIKE m2", .tokenizeLike(dataset: "fresh", model: "m2")),
            ("tokenize reviews words=5000 maxlen=500",
             .tokenize(dataset: "reviews", options: TokenizeOptions(words: 5000, maxLength: 500))),
            ("tokenize reviews words=5000 maxlen=500 padding=post truncating=post oov=true",
             .tokenize(dataset: "reviews", options: TokenizeOptions(words: 5000, maxLength: 500, padding: .post,
                                                                    truncating: .post, reservesOOV: true))),
            ("export reviews.test to \"runs/test_tokens.csv\"",
             .exportSplit(DatasetReference(name: "reviews", split: .test), path: "runs/test_tokens.csv")),
        ]
        for (line, expected) in table { XCTAssertEqual(command(line), expected, line) }
    }

    func testModelBlockFromLanguageContract() {
        let script = """
        model lstm1
          input 400                 # sample shape
          embedding 20000 32        # input_dim output_dim
          dropout 0.2               # rate
          conv1d 250 3 activation=relu padding=valid strides=1   # filters kernel_size
          maxpool1d 3               # pool_size
          lstm 100 return_sequences=true
          lstm 32
          flatten
          dense 1 sigmoid           # units [activation]; also activation=sigmoid
        end
        """
        let parsed = ScriptParser.parse(script, file: "m.exp")
        XCTAssertEqual(parsed.diagnostics, [])
        let expected = ModelDefinition(inputLength: 400, layers: [
            .embedding(inputDim: 20000, outputDim: 32),
            .dropout(rate: 0.2),
            .conv1D(filters: 250, kernelSize: 3, strides: 1, padding: .valid, activation: .relu),
            .maxPooling1D(poolSize: 3, strides: nil),
            .lstm(units: 100, returnSequences: true, recurrentActivation: .sigmoid),
            .lstm(units: 32, returnSequences: false, recurrentActivation: .sigmoid),
            .flatten,
            .dense(units: 1, activation: .sigmoid),
        ])
        let layerLines = (3...10).map { SourceLocation(file: "m.exp", line: $0, column: 3) }
        XCTAssertEqual(parsed.commands, [LocatedCommand(.model(name: "lstm1", definition: expected),
                                                        at: SourceLocation(file: "m.exp", line: 1, column: 1),
                                                        layerLocations: layerLines)])
    }

    func testEveryLayerForm() {
        let table: [(String, LayerSpec)] = [
            ("embedding 20000 32", .embedding(inputDim: 20000, outputDim: 32)),
            ("Embedding input_dim=5000 output_dim=16", .embedding(inputDim: 5000, outputDim: 16)),
            ("lstm 100 return_sequences=true recurrent_activation=hard_sigmoid",
             .lstm(units: 100, returnSequences: true, recurrentActivation: .hardSigmoid)),
            ("LSTM 8", .lstm(units: 8, returnSequences: false, recurrentActivation: .sigmoid)),
            ("lstm 32 dropout=0.2 recurrent_dropout=0.1",
             .lstm(units: 32, returnSequences: false, recurrentActivation: .sigmoid, dropout: RecurrentDropout(input: 0.2, recurrent: 0.1))),
            ("lstm 32 dropout=0 recurrent_dropout=0", .lstm(units: 32, returnSequences: false, recurrentActivation: .sigmoid)),
            ("gru 32", .gru(units: 32, returnSequences: false, recurrentActivation: .sigmoid, resetAfter: true)),
            ("GRU 16 return_sequences=true reset_after=false recurrent_activation=hard_sigmoid recurrent_dropout=0.25",
             .gru(units: 16, returnSequences: true, recurrentActivation: .hardSigmoid, resetAfter: false,
                  dropout: RecurrentDropout(recurrent: 0.25))),
            ("gru units=8 dropout=0.5", .gru(units: 8, returnSequences: false, recurrentActivation: .sigmoid, dropout: RecurrentDropout(input: 0.5))),
            ("simplernn 32", .simpleRNN(units: 32, returnSequences: false)),
            ("SimpleRNN 4 return_sequences=true dropout=0.1", .simpleRNN(units: 4, returnSequences: true, dropout: RecurrentDropout(input: 0.1))),
            ("bidirectional lstm 64 return_sequences=true",
             .bidirectional(.lstm(units: 64, returnSequences: true, recurrentActivation: .sigmoid), mergeMode: .concat)),
            ("Bidirectional GRU 8 merge_mode=ave reset_after=false",
             .bidirectional(.gru(units: 8, returnSequences: false, recurrentActivation: .sigmoid, resetAfter: false), mergeMode: .ave)),
            ("bidirectional simplernn 3 merge_mode=mul dropout=0.2",
             .bidirectional(.simpleRNN(units: 3, returnSequences: false, dropout: RecurrentDropout(input: 0.2)), mergeMode: .mul)),
            ("spatialdropout1d 0.2", .spatialDropout1D(rate: 0.2)),
            ("SpatialDropout1D rate=0.5", .spatialDropout1D(rate: 0.5)),
            ("cudnnlstm 256", .cudnnLSTM(units: 256, returnSequences: false)),
            ("cudnnlstm 64 return_sequences=true", .cudnnLSTM(units: 64, returnSequences: true)),
            ("conv1d 250 3 activation=relu padding=valid strides=1",
             .conv1D(filters: 250, kernelSize: 3, strides: 1, padding: .valid, activation: .relu)),
            ("conv1d 64 5 padding=same strides=2", .conv1D(filters: 64, kernelSize: 5, strides: 2, padding: .same, activation: .linear)),
            ("maxpool1d 3", .maxPooling1D(poolSize: 3, strides: nil)),
            ("maxpooling1d 2 strides=1", .maxPooling1D(poolSize: 2, strides: 1)),
            ("MaxPooling1D", .maxPooling1D(poolSize: 2, strides: nil)),
            ("globalmaxpool1d", .globalMaxPooling1D),
            ("GlobalMaxPooling1D", .globalMaxPooling1D),
            ("globalaveragepool1d", .globalAveragePooling1D),
            ("globalaveragepooling1d", .globalAveragePooling1D),
            ("flatten", .flatten),
            ("dropout 0.2", .dropout(rate: 0.2)),
            ("dropout 0", .dropout(rate: 0)),
            ("dense 1 sigmoid", .dense(units: 1, activation: .sigmoid)),
            ("dense 1 activation=sigmoid", .dense(units: 1, activation: .sigmoid)),
            ("Dense 100 RELU", .dense(units: 100, activation: .relu)),
            ("dense 10", .dense(units: 10, activation: .linear)),
        ]
        for (line, spec) in table {
            let parsed = ScriptParser.parse("model m\n\(line)\nend", file: "l.exp")
            XCTAssertEqual(parsed.diagnostics, [], line)
            XCTAssertEqual(parsed.commands.map(\.command), [.model(name: "m", definition: ModelDefinition(layers: [spec]))], line)
        }
    }

    func testEmbeddingInputLengthSetsTheModelInput() {
        let parsed = ScriptParser.parse("model m\nembedding 100 8 input_length=50\ndense 1 sigmoid\nend", file: "l.exp")
        XCTAssertEqual(parsed.commands.map(\.command), [.model(name: "m", definition: ModelDefinition(
            inputLength: 50, layers: [.embedding(inputDim: 100, outputDim: 8), .dense(units: 1, activation: .sigmoid)]))])
    }

    func testModelAndTrainingForms() {
        let train = DatasetReference(name: "reviews", split: .train)
        let val = DatasetReference(name: "reviews", split: .val)
        let test = DatasetReference(name: "reviews", split: .test)
        let table: [(String, Command)] = [
            ("compile lstm1 loss=binary_crossentropy optimizer=adam lr=0.001 metrics=accuracy",
             .compile(model: "lstm1", options: CompileOptions(loss: .binaryCrossentropy, optimizer: .adam(learningRate: 0.001),
                                                              metrics: [.accuracy]))),
            ("compile m loss=mse optimizer=sgd lr=0.1 momentum=0.9 nesterov=true metrics=accuracy,auc",
             .compile(model: "m", options: CompileOptions(loss: .meanSquaredError,
                                                          optimizer: .sgd(learningRate: 0.1, momentum: 0.9, nesterov: true),
                                                          metrics: [.accuracy, .auc]))),
            ("compile m optimizer=rmsprop lr=1e-3", .compile(model: "m", options: CompileOptions(optimizer: .rmsprop(learningRate: 1e-3)))),
            ("compile m optimizer=sgd", .compile(model: "m", options: CompileOptions(optimizer: .sgd()))),
            ("compile m", .compile(model: "m", options: CompileOptions())),
            ("summary lstm1", .summary(model: "lstm1")),
            ("train lstm1 on reviews.train val=reviews.val epochs=10 batch=64",
             .train(model: "lstm1", options: TrainOptions(data: train, validation: val, epochs: 10, batchSize: 64))),
            ("train m on reviews.train checkpoint=\"runs/x.safetensors\" patience=2 restore_best=true",
             .train(model: "m", options: TrainOptions(data: train, checkpoint: "runs/x.safetensors", patience: 2, restoresBest: true))),
            ("train m on amazon val=amazon.test shuffle=false",
             .train(model: "m", options: TrainOptions(data: DatasetReference(name: "amazon"),
                                                      validation: DatasetReference(name: "amazon", split: .test), shuffle: false))),
            ("evaluate lstm1 on reviews.test", .evaluate(model: "lstm1", data: test, batchSize: 32)),
            ("predict lstm1 \"An absolute delight from start to finish\"",
             .predictText(model: "lstm1", text: "An absolute delight from start to finish")),
            ("predict lstm1 on reviews.test to \"runs/predictions.csv\"",
             .predictData(model: "lstm1", data: test, path: "runs/predictions.csv", top: nil, batchSize: 32)),
            ("predict lstm1 on reviews.test top=5", .predictData(model: "lstm1", data: test, path: nil, top: 5, batchSize: 32)),
            ("predict m on reviews.test to \"p.csv\" top=3 batch=8",
             .predictData(model: "m", data: test, path: "p.csv", top: 3, batchSize: 8)),
            ("report lstm1 on reviews.test", .report(model: "lstm1", data: test, batchSize: 32)),
            ("plot m roc on reviews.test", .plotROC(model: "m", data: test, path: nil)),
            ("plot m ROC on reviews.test to \"runs/roc.svg\"", .plotROC(model: "m", data: test, path: "runs/roc.svg")),
            ("history lstm1", .history(model: "lstm1")),
            ("plot lstm1 loss,val_loss",
             .plot(models: ["lstm1"], series: [HistoryKey(.loss), HistoryKey(.loss, isValidation: true)], path: nil)),
            ("plot lstm1 loss,val_loss to \"runs/lstm1_loss.svg\"",
             .plot(models: ["lstm1"], series: [HistoryKey(.loss), HistoryKey(.loss, isValidation: true)], path: "runs/lstm1_loss.svg")),
            ("plot a,b val_accuracy", .plot(models: ["a", "b"], series: [HistoryKey(.metric(.accuracy), isValidation: true)], path: nil)),
            ("plot a", .plot(models: ["a"], series: [HistoryKey(.loss), HistoryKey(.loss, isValidation: true)], path: nil)),
            ("export lstm1 to \"runs/lstm1_history.csv\"", .export(name: "lstm1", path: "runs/lstm1_history.csv")),
            ("compare lstm1 lstm2", .compare(models: ["lstm1", "lstm2"])),
            ("save lstm1 to \"runs/lstm1.safetensors\"", .save(model: "lstm1", path: "runs/lstm1.safetensors")),
            ("load lstm1b from \"runs/lstm1.safetensors\"", .loadModel(name: "lstm1b", path: "runs/lstm1.safetensors")),
            ("expect lstm1 val_accuracy >= 0.85",
             .expect(Expectation(model: "lstm1", key: HistoryKey(.metric(.accuracy), isValidation: true),
                                 comparison: .greaterOrEqual, bound: 0.85))),
            ("expect m test accuracy >= 0.8",
             .expect(Expectation(model: "m", qualifier: .test, key: HistoryKey(.metric(.accuracy)), comparison: .greaterOrEqual, bound: 0.8))),
            ("expect m best val_loss < 0.5",
             .expect(Expectation(model: "m", qualifier: .best, key: HistoryKey(.loss, isValidation: true), comparison: .less, bound: 0.5))),
            ("expect m loss <= 1e-1",
             .expect(Expectation(model: "m", key: HistoryKey(.loss), comparison: .lessOrEqual, bound: 0.1))),
        ]
        for (line, expected) in table { XCTAssertEqual(command(line), expected, line) }
    }

    func testTrainingControlForms() {
        let train = DatasetReference(name: "reviews", split: .train)
        let val = DatasetReference(name: "reviews", split: .val)
        var split = TrainOptions(data: train, epochs: 20)
        split.validationSplit = 0.1
        split.classWeight = .balanced
        var weighted = TrainOptions(data: train)
        weighted.classWeight = .given(ClassWeights([0: 1, 1: 3]))
        var auc = TrainOptions(data: train, validation: val, patience: 3)
        auc.fit.monitor = Monitor("val_auc", mode: .max, minDelta: 0.001)
        var plateau = TrainOptions(data: train, validation: val)
        plateau.fit.reduceFactor = 0.5
        plateau.fit.reducePatience = 2
        plateau.fit.minLearningRate = 1e-5
        plateau.fit.clipping = GradientClipping(norm: 1)
        var best = TrainOptions(data: train, validation: val, checkpoint: "runs/best.safetensors")
        best.fit.bestOnly = true
        best.fit.log = "runs/m.csv"
        var exponential = TrainOptions(data: train)
        exponential.fit.schedule = .exponential(decayRate: 0.96, decaySteps: 100)
        exponential.fit.clipping = GradientClipping(value: 0.5)
        var cosine = TrainOptions(data: train)
        cosine.fit.schedule = .cosine(decaySteps: 1000, alpha: 0.1)
        let table: [(String, Command)] = [
            ("train m on reviews.train validation_split=0.1 class_weight=balanced epochs=20", .train(model: "m", options: split)),
            ("train m on reviews.train class_weight=0:1,1:3", .train(model: "m", options: weighted)),
            ("train m on reviews.train val=reviews.val monitor=val_auc mode=max patience=3 min_delta=0.001", .train(model: "m", options: auc)),
            ("train m on reviews.train val=reviews.val reduce_lr=0.5 reduce_patience=2 min_lr=1e-5 clipnorm=1.0",
             .train(model: "m", options: plateau)),
            ("train m on reviews.train val=reviews.val checkpoint=\"runs/best.safetensors\" best_only=true log=\"runs/m.csv\"",
             .train(model: "m", options: best)),
            ("train m on reviews.train lr_schedule=exponential decay_steps=100 decay_rate=0.96 clipvalue=0.5",
             .train(model: "m", options: exponential)),
            ("train m on reviews.train lr_schedule=cosine decay_steps=1000 alpha=0.1", .train(model: "m", options: cosine)),
            ("compile m clipnorm=1 clipvalue=0.5",
             .compile(model: "m", options: CompileOptions(clipping: GradientClipping(norm: 1, value: 0.5)))),
        ]
        for (line, expected) in table { XCTAssertEqual(command(line), expected, line) }
        // mode=auto on val_auc maximises, as Keras.
        guard case let .train(_, options)? = command("train m on reviews.train val=reviews.val patience=1 monitor=VAL_AUC") else {
            return XCTFail("train")
        }
        XCTAssertEqual(options.fit.monitor.column, "val_auc")
        XCTAssertEqual(options.fit.monitor.mode, .max)
    }

    func testNamesAreCaseSensitiveAndKeywordsAreNot() {
        XCTAssertEqual(command("TRAIN Lstm1 ON reviews.train EPOCHS=2"),
                       .train(model: "Lstm1", options: TrainOptions(data: DatasetReference(name: "reviews", split: .train), epochs: 2)))
    }

    func testCommandLocationIsTheFirstTokenAndScriptsKeepOrder() {
        let parsed = ScriptParser.parse("# header\n\n  seed 1\nlist\n", file: "s.exp")
        XCTAssertEqual(parsed.commands, [LocatedCommand(.seed(1), at: SourceLocation(file: "s.exp", line: 3, column: 3)),
                                         LocatedCommand(.list, at: SourceLocation(file: "s.exp", line: 4, column: 1))])
    }
}
