package main

import (
	"bufio"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/newsgraph/newsgraph/ner"
	"github.com/spf13/cobra"
)

// nerCommands returns the "ner" command (train, tag, corpus) and the "eval"
// command with its "ner" subcommand.
func nerCommands() []*cobra.Command {
	nerCmd := &cobra.Command{Use: "ner", Short: "Train and run the named-entity tagger"}
	nerCmd.AddCommand(nerTrainCommand(), nerTagCommand(), nerCorpusCommand(), nerClassesCommand())
	eval := &cobra.Command{Use: "eval", Short: "Measure newsgraph against annotated data"}
	eval.AddCommand(evalNERCommand())
	return []*cobra.Command{nerCmd, eval}
}

func readConllFile(path string) ([]ner.ConllDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	docs, err := ner.ReadConll(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return docs, nil
}

func loadModel(path string) (*ner.Model, error) {
	if path == "" {
		return ner.DefaultModel()
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open model %s: %w", path, err)
	}
	defer f.Close()
	m, err := ner.LoadModel(f)
	if err != nil {
		return nil, fmt.Errorf("model %s: %w", path, err)
	}
	return m, nil
}

// loadTagger loads the model at path (the embedded one when path is "") and,
// when junk is set, puts the junk stage extraction runs behind it, and when
// lists is set, the coordination stage after that.
func loadTagger(path string, junk, lists bool) (ner.Tagger, error) {
	m, err := loadModel(path)
	if err != nil {
		return nil, err
	}
	var t ner.Tagger = m
	if junk {
		t = ner.DefaultJunkFilter().Tagger(t)
	}
	if lists {
		t = ner.ListTagger(t)
	}
	return t, nil
}

const (
	junkFlagUsage  = "drop the spans extraction drops as junk (sign-offs, legal suffixes alone, currency units, ...); false with --lists=false: the bare tagger"
	listsFlagUsage = "retype an ORG or LOC span that the names coordinated with it or the words next to it type otherwise, as extraction does (\"Manchester, Liverpool and Leeds\": places; \"Leeds striker\": a club)"
)

func nerTrainCommand() *cobra.Command {
	var (
		trainPath, devPath, out string
		opt                     ner.TrainOptions
	)
	cmd := &cobra.Command{
		Use:   "train",
		Short: "Train the tagger on a CoNLL-2003 file (averaged structured perceptron)",
		Long: `Train the tagger on a CoNLL column file whose last column is the gold NER tag
(IOB1 or IOB2). The gazetteer and word classes embedded in this binary are used as
features. Training is deterministic for a fixed --seed. Write the model with --out
(ner/model/ner.model is the one that gets embedded at build time).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			docs, err := readConllFile(trainPath)
			if err != nil {
				return err
			}
			if devPath != "" {
				if opt.Dev, err = readConllFile(devPath); err != nil {
					return err
				}
			}
			opt.Logger = slog.Default()
			t0 := time.Now()
			m, err := ner.Train(cmd.Context(), docs, opt)
			if err != nil {
				return err
			}
			slog.Info("ner train: done", "seconds", time.Since(t0).Seconds(), "model", m.String())
			f, err := os.Create(out)
			if err != nil {
				return fmt.Errorf("create %s: %w", out, err)
			}
			if err := m.Write(f); err != nil {
				f.Close()
				return err
			}
			return f.Close()
		},
	}
	cmd.Flags().StringVar(&trainPath, "train", "", "training CoNLL file (required)")
	cmd.Flags().StringVar(&devPath, "dev", "", "development CoNLL file, scored during training")
	cmd.Flags().StringVar(&out, "out", "ner.model", "model file to write")
	cmd.Flags().IntVar(&opt.Epochs, "epochs", 15, "passes over the training data")
	cmd.Flags().Uint64Var(&opt.Seed, "seed", 1, "shuffling seed")
	cmd.Flags().IntVar(&opt.MinCount, "min-count", 1, "drop features seen fewer times in the training data")
	cmd.Flags().BoolVar(&opt.History, "history", true, "document history features (earlier labels of the same word)")
	cmd.Flags().BoolVar(&opt.TwoPass, "two-pass", true, "tag each document twice, the second time with whole-document history")
	cmd.Flags().BoolVar(&opt.TwoPassTrain, "two-pass-train", false, "also train on the second pass")
	cmd.Flags().BoolVar(&opt.Agg, "agg", true, "context aggregation features (words around other occurrences in the document)")
	cmd.Flags().IntVar(&opt.Runs, "runs", 5, "train this many times with consecutive seeds and average the weights")
	cmd.Flags().Float64Var(&opt.WordDropout, "word-dropout", 0, "share of training tokens whose word-identity features are hidden")
	cmd.Flags().BoolVar(&opt.DocNum, "doc-num", false, "document share-of-numbers features")
	cmd.Flags().Float32Var(&opt.Prune, "prune", 0.001, "drop weight rows whose weights are all below this in magnitude")
	_ = cmd.MarkFlagRequired("train")
	return cmd
}

func nerTagCommand() *cobra.Command {
	var conll, modelPath, out string
	junk, lists := true, true
	cmd := &cobra.Command{
		Use:   "tag --conll FILE",
		Short: "Tag a CoNLL column file; each token line gets the predicted IOB2 tag as last column",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			m, err := loadTagger(modelPath, junk, lists)
			if err != nil {
				return err
			}
			docs, err := readConllFile(conll)
			if err != nil {
				return err
			}
			tags := make([][][]string, len(docs))
			for i := range docs {
				tags[i] = m.TagDocument(docs[i].Tokens())
			}
			w := bufio.NewWriter(os.Stdout)
			var f *os.File
			if out != "" && out != "-" {
				if f, err = os.Create(out); err != nil {
					return fmt.Errorf("create %s: %w", out, err)
				}
				w = bufio.NewWriter(f)
			}
			if err := ner.WriteConll(w, docs, tags); err != nil {
				return err
			}
			if err := w.Flush(); err != nil {
				return fmt.Errorf("write: %w", err)
			}
			if f != nil {
				return f.Close()
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&conll, "conll", "", "CoNLL column file to tag (required)")
	cmd.Flags().StringVar(&out, "out", "-", "output file (- for stdout)")
	cmd.Flags().StringVar(&modelPath, "model", "", "model file (default: the embedded model)")
	cmd.Flags().BoolVar(&junk, "junk", true, junkFlagUsage)
	cmd.Flags().BoolVar(&lists, "lists", true, listsFlagUsage)
	_ = cmd.MarkFlagRequired("conll")
	return cmd
}

func nerCorpusCommand() *cobra.Command {
	var field string
	cmd := &cobra.Command{
		Use:    "corpus FILE...",
		Short:  "Write tokenised sentences of JSON Lines articles (input of the word-cluster builder)",
		Args:   cobra.MinimumNArgs(1),
		Hidden: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			return ner.WriteClusterCorpus(cmd.Context(), os.Stdout, field, args...)
		},
	}
	cmd.Flags().StringVar(&field, "field", "body", "JSON field holding the article text")
	return cmd
}

func evalNERCommand() *cobra.Command {
	var modelPath string
	var tagged, gold bool
	junk, lists := true, true
	cmd := &cobra.Command{
		Use:   "ner FILE",
		Short: "Span-level precision, recall and F1 for PER, ORG, LOC on a CoNLL file",
		Long: `Score the tagger on FILE, span level (exact boundaries and type), for PER, ORG and
LOC and their micro average; MISC is not scored. The last line is "micro P=… R=… F1=…".

FILE is either a gold CoNLL file (last column the gold tag, IOB1 or IOB2): it is
tagged with the model, its junk spans dropped as extraction drops them (--junk)
and the spans a list types otherwise retyped (--lists), and scored; or the output of "newsgraph ner tag" (column
before last gold, last column the prediction): it is scored as it is. Which one is
detected from the columns (a file is taken as tagged output when its last two
columns are both NER tags on every line); --tagged or --gold force it.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			docs, err := readConllFile(args[0])
			if err != nil {
				return err
			}
			isTagged := ner.IsTaggedOutput(docs)
			if tagged {
				isTagged = true
			}
			if gold {
				isTagged = false
			}
			if isTagged {
				slog.Info("eval ner: scoring the file as `ner tag` output (gold column before last, prediction last)", "file", args[0])
			} else {
				slog.Info("eval ner: scoring the file as gold (last column) tagged by the model", "file", args[0])
			}
			var m ner.Tagger
			if !isTagged {
				if m, err = loadTagger(modelPath, junk, lists); err != nil {
					return err
				}
			}
			return ner.EvalConll(m, docs, isTagged).Report(os.Stdout)
		},
	}
	cmd.Flags().StringVar(&modelPath, "model", "", "model file (default: the embedded model)")
	cmd.Flags().BoolVar(&tagged, "tagged", false, "FILE is `ner tag` output (gold before last column, prediction last)")
	cmd.Flags().BoolVar(&gold, "gold", false, "FILE is a gold file to tag and score")
	cmd.Flags().BoolVar(&junk, "junk", true, junkFlagUsage)
	cmd.Flags().BoolVar(&lists, "lists", true, listsFlagUsage)
	return cmd
}

func nerClassesCommand() *cobra.Command {
	var corpus, out string
	var opt ner.ClusterOptions
	cmd := &cobra.Command{
		Use:    "classes --corpus FILE --out FILE",
		Short:  "Learn word classes and capitalisation buckets from a tokenised corpus (see \"ner corpus\")",
		Args:   cobra.NoArgs,
		Hidden: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			in, err := os.Open(corpus)
			if err != nil {
				return fmt.Errorf("open %s: %w", corpus, err)
			}
			defer in.Close()
			f, err := os.Create(out)
			if err != nil {
				return fmt.Errorf("create %s: %w", out, err)
			}
			opt.Logger = slog.Default()
			if err := ner.BuildWordClasses(cmd.Context(), bufio.NewReader(in), f, opt); err != nil {
				f.Close()
				return err
			}
			return f.Close()
		},
	}
	cmd.Flags().StringVar(&corpus, "corpus", "", "tokenised corpus, one sentence per line (required)")
	cmd.Flags().StringVar(&out, "out", "clusters.tsv.gz", "output file")
	cmd.Flags().IntSliceVar(&opt.Ks, "k", []int{64, 256, 1024}, "numbers of classes, coarse to fine")
	cmd.Flags().IntVar(&opt.MinCount, "min-count", 5, "words seen fewer times are not clustered")
	cmd.Flags().IntVar(&opt.Iters, "iters", 8, "exchange iterations")
	_ = cmd.MarkFlagRequired("corpus")
	return cmd
}
