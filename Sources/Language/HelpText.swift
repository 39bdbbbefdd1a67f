/// The text of `help` and `help VERB`.
public enum HelpText {
    /// What `help` says about one verb.
    public struct Entry: Sendable {
        /// One line: what the verb does.
        public var abstract: String
        /// Every form of the verb, with its options.
        public var forms: [String]
        /// One example to copy.
        public var example: String
    }

    /// The help of every verb.
    public static func entry(_ verb: Verb) -> Entry {
        switch verb {
        case .seed: Entry(abstract: "make every random choice after this reproducible",
                          forms: ["seed N"], example: "seed 7")
        case .set: Entry(abstract: "change a session setting",
                         forms: ["set threads=N", "set store=\"FILE.sqlite\" | store=off   where train, evaluate and report are recorded",
                                 "The store defaults to runs/lab.sqlite next to the script (at the prompt: in the working folder)."],
                         example: "set threads=2")
        case .param: Entry(abstract: "declare script parameters with their defaults; $NAME uses one",
                           forms: ["param NAME=VALUE [NAME=VALUE …]",
                                   "`lab run FILE.exp NAME=VALUE …` (and `lab check`) override the defaults; an override keeps",
                                   "the default's kind (number, word or string). $NAME in any later line stands for the value."],
                           example: "param epochs=3 batch=64")
        case .help: Entry(abstract: "list the commands, or show the forms of one",
                          forms: ["help", "help COMMAND"], example: "help train")
        case .list: Entry(abstract: "list the datasets and models of this session",
                          forms: ["list"], example: "list")
        case .run: Entry(abstract: "replay a script inside this session",
                         forms: ["run \"FILE.exp\""], example: "run \"experiments/imdb_lstm.exp\"")
        case .record: Entry(abstract: "append every successful statement to a replayable script",
                            forms: ["record \"FILE.exp\"", "record off"], example: "record \"session.exp\"")
        case .echo: Entry(abstract: "print a line",
                          forms: ["echo \"TEXT\""], example: "echo \"baseline done\"")
        case .quit: Entry(abstract: "leave lab (also exit, Ctrl-D)",
                          forms: ["quit", "exit"], example: "quit")
        case .load: Entry(abstract: "read a dataset, or a saved model from a .safetensors file",
                          forms: ["load NAME[.SPLIT] from \"PATH\" [text=COLUMN] [label=COLUMN] [positive=V,…] [negative=V,…]",
                                  "    [format=csv|tsv|fasttext|dir|npz|npy|libsvm|lines] [header=true|false] [limit=N] [x=MEMBER] [y=MEMBER]",
                                  "    [features=N]   libsvm rows stay sparse in memory; features= fixes the column count",
                                  "load NAME from \"PATH\" stream=true [positive=V,…] [negative=V,…] [format=fasttext|lines] [limit=N]",
                                  "    fastText or plain lines larger than memory: the rows stay on disk; describe, tokenize (maxlen=",
                                  "    required) and train read the file once per use; held-out rows: load NAME.test from \"…\" (no split)",
                                  "load NAME from \"DIR/train_*.svm\" stream=true [features=N] [positive=V,…] [negative=V,…]",
                                  "    libsvm chunk files (a glob): one pass at load counts rows and reports bad lines by file and line;",
                                  "    train holds one chunk at a time, chunk order and rows within a chunk shuffled by seed each epoch",
                                  "load NAME from \"FILE.safetensors\"",
                                  "load NAME from \"VECTORS\"   word vectors: word2vec text or binary, GloVe text (no options; inferred from",
                                  "    a .vec/.bin/.w2v name or a first line of `count dim` or a word and numbers)"],
                          example: "load reviews from \"data/reviews.csv\" text=review label=sentiment positive=positive")
        case .describe: Entry(abstract: "rows, label balance, length percentiles and vocabulary of a dataset",
                              forms: ["describe NAME[.SPLIT]"], example: "describe reviews")
        case .show: Entry(abstract: "print the first rows of a dataset",
                          forms: ["show NAME[.SPLIT] [n=5]", "show run N                  one run of the run store"],
                          example: "show reviews n=5")
        case .split: Entry(abstract: "split a dataset into NAME.train, NAME.val and NAME.test",
                           forms: ["split NAME [train=F] [val=F] [test=F] [shuffle=true|false]",
                                   "A split loaded from its own file (load NAME.test from …) is kept, never replaced."],
                           example: "split reviews train=0.8 val=0.1 test=0.1")
        case .tokenize: Entry(abstract: "fit a Keras tokenizer and pad every split to one length",
                              forms: ["tokenize NAME [words=N] [maxlen=N] [padding=pre|post] [truncating=pre|post] [oov=true|false]",
                                      "tokenize NAME like MODEL      the vocabulary and padding MODEL was trained with (saved in its file)",
                                      "evaluate and predict read a dataset that is not tokenized with the model's own tokenizer;",
                                      "one tokenized with another vocabulary is refused."],
                              example: "tokenize reviews words=5000 maxlen=500")
        case .vectorize: Entry(abstract: "fit scikit-learn's CountVectorizer or TfidfVectorizer and make every split sparse rows",
                               forms: ["vectorize NAME counts|tfidf [words=N] [ngrams=MIN,MAX] [min_df=X] [max_df=X] [binary=true|false]",
                                       "    [lowercase=true|false] [sublinear_tf=true|false] [smooth_idf=true|false] [norm=l2|l1|none]",
                                       "Fitted on NAME.train when it exists (held-out rows never shape the vocabulary), applied to",
                                       "every split; min_df/max_df: a whole number counts documents, a decimal is a proportion.",
                                       "A dense first layer reads the sparse rows; the model file keeps the vectorizer."],
                               example: "vectorize reviews tfidf words=20000 ngrams=1,2 min_df=2 max_df=0.9")
        case .export: Entry(abstract: "write a split's token ids or features, or a model's history",
                            forms: ["export NAME.SPLIT to \"FILE.csv\"", "export NAME.SPLIT to \"FILE.svm\" [chunks=N]   libsvm rows; with chunks,",
                                    "    N files named by the path's %02d (from 00)",
                                    "export MODEL to \"FILE.csv\"   (a model with no history is an error)",
                                    "export run N to \"FILE.csv\"   a stored run's history"],
                            example: "export reviews.train to \"runs/train_%02d.svm\" chunks=10")
        case .word2vec: Entry(abstract: "train word vectors on a dataset's texts (gensim Word2Vec semantics)",
                              forms: ["word2vec NAME on DATA[.SPLIT] [dim=N] [window=N] [min_count=N] [negative=N] [epochs=N] [sg=0|1]",
                                      "    [sample=X] [alpha=X] [min_alpha=X]",
                                      "Words as tokenize splits them, one text per sentence; CBOW (sg=0, context mean) or skip-gram",
                                      "(a window's context words share one draw of noise words, as pWord2Vec), negative sampling,",
                                      "gensim's subsampling and linear learning-rate decay. Same seed, same vectors",
                                      "at any thread count. save NAME to \"FILE.vec\" writes word2vec text; load NAME from \"FILE\" reads",
                                      "word2vec text or binary or GloVe text (inferred); embedding V D weights=NAME starts from them."],
                              example: "word2vec w2v on reviews.train dim=100 window=5 min_count=5 sg=1")
        case .similar: Entry(abstract: "the words nearest to a word by cosine similarity",
                             forms: ["similar VECTORS \"WORD\" [n=10]"], example: "similar w2v \"great\" n=10")
        case .model: Entry(abstract: "define a model, one layer per line, closed by end",
                           forms: ["model NAME",
                                   "  input LENGTH",
                                   "  embedding INPUT_DIM OUTPUT_DIM [input_length=N] [weights=VECTORS] [trainable=true|false]",
                                   "      weights=: row i is the vector of the tokenizer's word i (others keep the initializer);",
                                   "      trainable=false freezes the table (Non-trainable params in summary)",
                                   "  lstm UNITS [return_sequences=true|false] [recurrent_activation=sigmoid|hard_sigmoid]",
                                   "      [dropout=F] [recurrent_dropout=F]",
                                   "  gru UNITS [return_sequences=true|false] [recurrent_activation=sigmoid|hard_sigmoid]",
                                   "      [reset_after=true|false] [dropout=F] [recurrent_dropout=F]",
                                   "  simplernn UNITS [return_sequences=true|false] [dropout=F] [recurrent_dropout=F]",
                                   "  bidirectional lstm|gru|simplernn UNITS … [merge_mode=concat|sum|mul|ave]",
                                   "  cudnnlstm UNITS [return_sequences=true|false]",
                                   "  conv1d FILTERS KERNEL_SIZE [activation=A] [padding=valid|same] [strides=N]",
                                   "  maxpool1d [POOL_SIZE] [STRIDES]",
                                   "  globalmaxpool1d",
                                   "  globalaveragepool1d",
                                   "  flatten",
                                   "  dropout RATE",
                                   "  spatialdropout1d RATE",
                                   "  dense UNITS [ACTIVATION]",
                                   "end",
                                   "Activations: linear, relu, sigmoid, tanh, softmax."],
                           example: "model m\n  embedding 5000 32\n  lstm 100\n  dense 1 sigmoid\nend")
        case .compile: Entry(abstract: "choose the loss, optimizer and metrics of a model",
                             forms: ["compile MODEL [loss=binary_crossentropy|categorical_crossentropy|sparse_categorical_crossentropy|mse]",
                                     "    [optimizer=adam|sgd|rmsprop] [lr=X] [momentum=X] [nesterov=true|false]",
                                     "    [metrics=accuracy,auc,precision,recall,f1] [clipnorm=X] [clipvalue=X] [sparse_update=dense|lazy]",
                                     "Keras's acc, binary_accuracy and sparse_categorical_accuracy are accuracy, logged under that name.",
                                     "clipnorm rescales each gradient tensor to L2 norm ≤ X; clipvalue clamps each element to [-X, X].",
                                     "sparse_update=lazy updates only the embedding rows a batch holds (LazyAdam); dense (Keras's)",
                                     "also decays the moments, and moves by momentum, every other row at every step."],
                             example: "compile lstm1 loss=binary_crossentropy optimizer=adam lr=0.001 metrics=accuracy")
        case .summary: Entry(abstract: "print the Keras summary table of a model",
                             forms: ["summary MODEL"], example: "summary lstm1")
        case .train: Entry(abstract: "fit a model, continuing from its current weights",
                           forms: ["train MODEL on DATA.SPLIT [val=DATA.SPLIT | validation_split=F] [epochs=N] [batch=N]",
                                   "    [shuffle=true|false] [shuffle_buffer=N] [class_weight=balanced|0:W,1:W]",
                                   "    [patience=N] [restore_best=true|false] [monitor=val_loss] [mode=auto|min|max] [min_delta=X]",
                                   "    [reduce_lr=FACTOR] [reduce_patience=N] [min_lr=X]",
                                   "    [lr_schedule=exponential decay_steps=N decay_rate=R | lr_schedule=cosine decay_steps=N [alpha=A]]",
                                   "    [checkpoint=\"FILE.safetensors\"] [best_only=true|false] [checkpoint_every=N] [log=\"FILE.csv\"]",
                                   "    [clipnorm=X] [clipvalue=X] [tensorboard=\"DIR\"]",
                                   "As Keras: validation_split validates on the last F of the rows (cut before shuffling);",
                                   "class_weight scales each sample's loss (balanced: rows / (classes · rows of the class)).",
                                   "monitor is any history column (default val_loss); mode=auto maximises accuracy, auc, precision,",
                                   "recall and f1 and minimises the rest. patience stops, reduce_lr multiplies the rate by FACTOR,",
                                   "best_only saves the checkpoint, each when monitor has not improved by more than min_delta.",
                                   "lr_schedule sets the rate at every step from the compiled lr: exponential lr·R^(step/N);",
                                   "cosine lr·((1-A)·(1+cos(π·min(step,N)/N))/2 + A). With either, the history gets an lr column.",
                                   "log appends one CSV row per finished epoch, flushed to disk. clipnorm/clipvalue hold for this call.",
                                   "checkpoint_every also saves every N steps with the epoch's position: train the loaded file to",
                                   "finish that epoch as if never stopped (same batch= and data).",
                                   "A dataset loaded with stream=true trains in file order, or through shuffle_buffer=N rows",
                                   "(tf.data's shuffle, reseeded each epoch), its batches read from the file each epoch;",
                                   "its training auc comes from a 10,000-bin score histogram.",
                                   "tensorboard writes every history column and the learning rate per epoch as TensorBoard scalars."],
                           example: "train lstm1 on reviews.train val=reviews.val epochs=10 batch=64")
        case .evaluate: Entry(abstract: "loss and metrics of a model on a dataset",
                              forms: ["evaluate MODEL on DATA.SPLIT [batch=N]",
                                      "The result is the model's test result, labelled with its epoch, until the model trains again."],
                              example: "evaluate lstm1 on reviews.test")
        case .report: Entry(abstract: "confusion matrix and per-class precision, recall, F1 (classification_report)",
                            forms: ["report MODEL on DATA.SPLIT [batch=N]",
                                    "The predicted class is output > 0.5 for a sigmoid model, the largest output for softmax."],
                            example: "report lstm1 on reviews.test")
        case .predict: Entry(abstract: "the model's output for a text, or for a dataset written as CSV or listed",
                             forms: ["predict MODEL \"TEXT\"", "predict MODEL on DATA.SPLIT [to \"FILE.csv\"] [top=N] [batch=N]",
                                     "The CSV has columns index,text,label,predicted,probability (one probability column per class",
                                     "for softmax); top=N prints a binary model's N most positive and N most negative rows."],
                             example: "predict lstm1 \"An absolute delight from start to finish\"")
        case .history: Entry(abstract: "one row per epoch: loss, metrics, val_ metrics, seconds",
                             forms: ["history MODEL",
                                     "Then the test result and the epoch it measured, marked stale if the model trained since.",
                                     "A model loaded from a file shows - for seconds (files keep no timings)."],
                             example: "history lstm1")
        case .plot: Entry(abstract: "chart history columns in the terminal, or as an SVG file",
                          forms: ["plot MODEL[,MODEL…] [COLUMN,…] [to \"FILE.svg\"]",
                                  "plot MODEL roc on DATA.SPLIT [to \"FILE.svg\"]   a binary model's ROC curve, AUC in the title",
                                  "plot run N[,N…] [COLUMN,…] [to \"FILE.svg\"]   stored runs' histories"],
                          example: "plot lstm1 loss,val_loss to \"runs/lstm1_loss.svg\"")
        case .compare: Entry(abstract: "one row per model: losses, test accuracy, params, time",
                             forms: ["compare MODEL MODEL…", "compare run N run M…   stored train runs (any session)",
                                     "A stale test result (the model trained since) shows - and a note under the table."],
                             example: "compare lstm1 lstm2")
        case .save: Entry(abstract: "write a model to a .safetensors file, or word vectors as word2vec text",
                          forms: ["save MODEL to \"FILE.safetensors\"", "save VECTORS to \"FILE.vec\""], example: "save lstm1 to \"runs/lstm1.safetensors\"")
        case .expect: Entry(abstract: "check a result; a failed expectation is an error",
                            forms: ["expect MODEL [last|best|test] COLUMN >=|<=|>|<|== NUMBER",
                                    "test reads the current test result: after more training, evaluate again first."],
                            example: "expect lstm1 val_accuracy >= 0.85")
        case .runs: Entry(abstract: "list the recorded runs: id, when, model, data, best val metric, test metric",
                          forms: ["runs [where model=NAME] [n=20]",
                                  "Every train, evaluate and report is recorded in the run store (set store=…).",
                                  "show run N, compare run N run M, plot run N,M COLUMNS, export run N to \"F.csv\" read it."],
                          example: "runs where model=lstm1")
        case .serve: Entry(abstract: "serve the runs page (run list, charts updating live, comparisons) on this machine",
                           forms: ["serve [port=8080] [host=127.0.0.1]",
                                   "Open http://127.0.0.1:8080/ in a browser; the session goes on while it serves.",
                                   "Only this machine can connect unless host= names another interface. Also: lab serve --port N."],
                           example: "serve port=8080")
        }
    }

    /// `help`: every verb with its abstract, in a column.
    public static var overview: String {
        let width = Verb.allCases.map(\.rawValue.count).max() ?? 0
        let rows = Verb.allCases.map { verb in
            "  " + verb.rawValue + String(repeating: " ", count: width + 2 - verb.rawValue.count) + entry(verb).abstract
        }
        return (["Commands (type 'help COMMAND' for its forms and an example):"] + rows).joined(separator: "\n")
    }

    /// `help VERB`: abstract, forms, the options with their defaults (from `OptionTable`) and an example.
    public static func detail(_ verb: Verb) -> String {
        let entry = entry(verb)
        let example = entry.example.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
        return ([verb.rawValue + " — " + entry.abstract, "", "Usage:"] + entry.forms.map { "  " + $0 }
                + optionLines(OptionTable.options(for: verb)) + ["", "Example:", example]).joined(separator: "\n")
    }

    /// An `Options:` section, one line per key: its help and its default; nothing when there are no options.
    static func optionLines(_ options: [OptionSpec]) -> [String] {
        guard let width = options.map(\.name.count).max() else { return [] }
        return ["", "Options:"] + options.map { option in
            let padding = String(repeating: " ", count: width + 2 - option.name.count)
            return "  " + option.name + padding + option.help + (option.defaultValue.map { "; default " + $0 } ?? "")
        }
    }
}
