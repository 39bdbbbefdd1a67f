import Foundation
@testable import Language
import XCTest

/// Golden text of `help` and `help VERB`, and examples that really parse.
final class HelpTextTests: XCTestCase {
    func testOverviewGolden() {
        XCTAssertEqual(HelpText.overview, """
        Commands (type 'help COMMAND' for its forms and an example):
          seed       make every random choice after this reproducible
          set        change a session setting
          param      declare script parameters with their defaults; $NAME uses one
          help       list the commands, or show the forms of one
          list       list the datasets and models of this session
          run        replay a script inside this session
          record     append every successful statement to a replayable script
          echo       print a line
          quit       leave lab (also exit, Ctrl-D)
          load       read a dataset, or a saved model from a .safetensors file
          describe   rows, label balance, length percentiles and vocabulary of a dataset
          show       print the first rows of a dataset
          split      split a dataset into NAME.train, NAME.val and NAME.test
          tokenize   fit a Keras tokenizer and pad every split to one length
          vectorize  fit scikit-learn's CountVectorizer or TfidfVectorizer and make every split sparse rows
          export     write a split's token ids or features, or a model's history
          word2vec   train word vectors on a dataset's texts (gensim Word2Vec semantics)
          similar    the words nearest to a word by cosine similarity
          model      define a model, one layer per line, closed by end
          compile    choose the loss, optimizer and metrics of a model
          summary    print the Keras summary table of a model
          train      fit a model, continuing from its current weights
          evaluate   loss and metrics of a model on a dataset
          report     confusion matrix and per-class precision, recall, F1 (classification_report)
          predict    the model's output for a text, or for a dataset written as CSV or listed
          history    one row per epoch: loss, metrics, val_ metrics, seconds
          plot       chart history columns in the terminal, or as an SVG file
          compare    one row per model: losses, test accuracy, params, time
          save       write a model to a .safetensors file, or word vectors as word2vec text
          expect     check a result; a failed expectation is an error
          runs       list the recorded runs: id, when, model, data, best val metric, test metric
          serve      serve the runs page (run list, charts updating live, comparisons) on this machine
        """)
    }

    func testTrainDetailGolden() {
        XCTAssertEqual(HelpText.detail(.train), """
        train — fit a model, continuing from its current weights

        Usage:
          train MODEL on DATA.SPLIT [val=DATA.SPLIT | validation_split=F] [epochs=N] [batch=N]
              [shuffle=true|false] [shuffle_buffer=N] [class_weight=balanced|0:W,1:W]
              [patience=N] [restore_best=true|false] [monitor=val_loss] [mode=auto|min|max] [min_delta=X]
              [reduce_lr=FACTOR] [reduce_patience=N] [min_lr=X]
              [lr_schedule=exponential decay_steps=N decay_rate=R | lr_schedule=cosine decay_steps=N [alpha=A]]
              [checkpoint="FILE.safetensors"] [best_only=true|false] [checkpoint_every=N] [log="FILE.csv"]
              [clipnorm=X] [clipvalue=X] [tensorboard="DIR"]
          As Keras: validation_split validates on the last F of the rows (cut before shuffling);
          class_weight scales each sample's loss (balanced: rows / (classes · rows of the class)).
          monitor is any history column (default val_loss); mode=auto maximises accuracy, auc, precision,
          recall and f1 and minimises the rest. patience stops, reduce_lr multiplies the rate by FACTOR,
          best_only saves the checkpoint, each when monitor has not improved by more than min_delta.
          lr_schedule sets the rate at every step from the compiled lr: exponential lr·R^(step/N);
          cosine lr·((1-A)·(1+cos(π·min(step,N)/N))/2 + A). With either, the history gets an lr column.
          log appends one CSV row per finished epoch, flushed to disk. clipnorm/clipvalue hold for this call.
          checkpoint_every also saves every N steps with the epoch's position: train the loaded file to
          finish that epoch as if never stopped (same batch= and data).
          A dataset loaded with stream=true trains in file order, or through shuffle_buffer=N rows
          (tf.data's shuffle, reseeded each epoch), its batches read from the file each epoch;
          its training auc comes from a 10,000-bin score histogram.
          tensorboard writes every history column and the learning rate per epoch as TensorBoard scalars.

        Options:
          val               validation data evaluated after each epoch
          validation_split  validate on the last F of the rows
          epochs            epochs to run now; default 1
          batch             samples per batch (Keras batch_size); default 32
          shuffle           reshuffle the rows every epoch; default true (streamed: false)
          shuffle_buffer    shuffle a streamed file through N rows (tf.data), reseeded every epoch
          class_weight      weigh each sample's loss by its class
          monitor           the column patience, reduce_lr and best_only watch; default val_loss
          mode              whether monitor should fall or rise; default auto
          min_delta         the least change that counts as improving; default 0
          patience          stop after N epochs without improvement
          restore_best      with patience, end on the best epoch's weights; default false
          reduce_lr         multiply the rate by FACTOR on a plateau
          reduce_patience   epochs without improvement before reduce_lr; default 10
          min_lr            the floor of reduce_lr; default 0
          lr_schedule       set the rate at every step
          decay_steps       the schedule's steps
          decay_rate        the exponential schedule's rate
          alpha             the cosine schedule's floor, as a fraction of lr; default 0
          checkpoint        save the experiment after every epoch
          best_only         with checkpoint, save only when monitor improves; default false
          checkpoint_every  with checkpoint, also save every N steps, to resume mid-epoch
          log               append one CSV row per finished epoch
          tensorboard       write TensorBoard scalars per epoch into this folder
          clipnorm          rescale each gradient tensor to L2 norm ≤ X
          clipvalue         clamp each gradient element to [-X, X]

        Example:
          train lstm1 on reviews.train val=reviews.val epochs=10 batch=64
        """)
    }

    func testLoadDetailGolden() {
        XCTAssertEqual(HelpText.detail(.load), """
        load — read a dataset, or a saved model from a .safetensors file

        Usage:
          load NAME[.SPLIT] from "PATH" [text=COLUMN] [label=COLUMN] [positive=V,…] [negative=V,…]
              [format=csv|tsv|fasttext|dir|npz|npy|libsvm|lines] [header=true|false] [limit=N] [x=MEMBER] [y=MEMBER]
              [features=N]   libsvm rows stay sparse in memory; features= fixes the column count
          load NAME from "PATH" stream=true [positive=V,…] [negative=V,…] [format=fasttext|lines] [limit=N]
              fastText or plain lines larger than memory: the rows stay on disk; describe, tokenize (maxlen=
              required) and train read the file once per use; held-out rows: load NAME.test from "…" (no split)
          load NAME from "DIR/train_*.svm" stream=true [features=N] [positive=V,…] [negative=V,…]
              libsvm chunk files (a glob): one pass at load counts rows and reports bad lines by file and line;
              train holds one chunk at a time, chunk order and rows within a chunk shuffled by seed each epoch
          load NAME from "FILE.safetensors"
          load NAME from "VECTORS"   word vectors: word2vec text or binary, GloVe text (no options; inferred from
              a .vec/.bin/.w2v name or a first line of `count dim` or a word and numbers)

        Options:
          text      the text column (CSV/TSV)
          label     the label column (CSV/TSV)
          positive  label values that mean 1
          negative  label values that mean 0
          format    the file format; default from the file name
          header    whether a CSV/TSV file starts with a header row; default true
          limit     read at most N rows
          x         the inputs member of an .npz file
          y         the labels member of an .npz file
          features  the number of columns of libsvm rows; default the largest index
          stream    keep the rows on disk (fastText, lines, or a glob of libsvm chunks); default false

        Example:
          load reviews from "data/reviews.csv" text=review label=sentiment positive=positive
        """)
    }

    func testModelDetailGolden() {
        XCTAssertEqual(HelpText.detail(.model), """
        model — define a model, one layer per line, closed by end

        Usage:
          model NAME
            input LENGTH
            embedding INPUT_DIM OUTPUT_DIM [input_length=N] [weights=VECTORS] [trainable=true|false]
                weights=: row i is the vector of the tokenizer's word i (others keep the initializer);
                trainable=false freezes the table (Non-trainable params in summary)
            lstm UNITS [return_sequences=true|false] [recurrent_activation=sigmoid|hard_sigmoid]
                [dropout=F] [recurrent_dropout=F]
            gru UNITS [return_sequences=true|false] [recurrent_activation=sigmoid|hard_sigmoid]
                [reset_after=true|false] [dropout=F] [recurrent_dropout=F]
            simplernn UNITS [return_sequences=true|false] [dropout=F] [recurrent_dropout=F]
            bidirectional lstm|gru|simplernn UNITS … [merge_mode=concat|sum|mul|ave]
            cudnnlstm UNITS [return_sequences=true|false]
            conv1d FILTERS KERNEL_SIZE [activation=A] [padding=valid|same] [strides=N]
            maxpool1d [POOL_SIZE] [STRIDES]
            globalmaxpool1d
            globalaveragepool1d
            flatten
            dropout RATE
            spatialdropout1d RATE
            dense UNITS [ACTIVATION]
          end
          Activations: linear, relu, sigmoid, tanh, softmax.

        Example:
          model m
            embedding 5000 32
            lstm 100
            dense 1 sigmoid
          end
        """)
    }

    /// Every `key=` a verb takes appears in its help text.
    func testHelpNamesEveryOption() {
        for verb in Verb.allCases {
            let text = HelpText.detail(verb)
            for key in Completion.optionKeys(for: verb) {
                XCTAssertTrue(text.contains(key + "="), "help \(verb) does not mention \(key)=")
            }
        }
    }

    /// The usage lines are written by hand (they show which options go together), so they are held
    /// to the table: every `[key=…]` they show is one the verb (or, in `model`, a layer) declares, and
    /// a closed set shown as `key=a|b` holds only declared values.
    func testUsageLinesShowOnlyDeclaredKeysWithTheirDeclaredValues() throws {
        let pattern = try NSRegularExpression(pattern: "\\[([a-z_0-9]+)=([^\\]\\s]*)")
        for verb in Verb.allCases {
            let specs = verb == .model ? LayerKind.allCases.flatMap { OptionTable.positionals(for: $0) + OptionTable.keywords(for: $0) }
                                       : OptionTable.options(for: verb)
            for form in HelpText.entry(verb).forms {
                let range = NSRange(form.startIndex..., in: form)
                for match in pattern.matches(in: form, range: range) {
                    let key = String(form[Range(match.range(at: 1), in: form)!])
                    let value = String(form[Range(match.range(at: 2), in: form)!])
                    let declared = specs.filter { $0.name == key }
                    XCTAssertFalse(declared.isEmpty, "help \(verb) shows \(key)=, which \(verb) does not declare")
                    guard value.contains("|"), let spec = declared.first, !spec.completions.isEmpty else { continue }
                    // Words only: `class_weight=balanced|0:W,1:W` shows a form besides its one word.
                    let shown = Set(value.split(separator: "|").map(String.init).filter { $0.allSatisfy { $0.isLetter || $0 == "_" } })
                    XCTAssertTrue(shown.isSubset(of: Set(spec.completions)), "help \(verb): \(key)= shows values the table lacks: \(shown)")
                }
            }
        }
    }

    func testEveryVerbHasFormsAndAnExampleThatParses() {
        for verb in Verb.allCases {
            let entry = HelpText.entry(verb)
            XCTAssertFalse(entry.forms.isEmpty, "\(verb)")
            XCTAssertTrue(HelpText.detail(verb).hasPrefix(verb.rawValue + " — " + entry.abstract), "\(verb)")
            let parsed = ScriptParser.parse(entry.example, file: "help.exp")
            XCTAssertEqual(parsed.diagnostics, [], "example of \(verb)")
            XCTAssertEqual(parsed.commands.count, 1, "example of \(verb)")
        }
    }
}
