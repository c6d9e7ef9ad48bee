package main

import (
	"fmt"
	"log/slog"
	"os"

	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/ner"
	"github.com/newsgraph/newsgraph/quote"
)

// evalQuotesCommand is "newsgraph eval quotes FILE": attribution spans
// scored against a PolNeAR JSON Lines file.
func evalQuotesCommand() *cobra.Command {
	var noNER, pairs bool
	var minConf float64
	cmd := &cobra.Command{
		Use:   "quotes FILE",
		Short: "Score quote attribution against PolNeAR JSON Lines (source, cue and content spans; said-about pairs)",
		Long: `quotes reads a PolNeAR JSON Lines file (.gz accepted), attributes every article,
and prints precision, recall and F1 of source, cue and content spans: exact, overlapping
(shared bytes at least 30% of both spans) and any overlap.

With --pairs it also prints the said-about pairs: per article, every gold attribution whose
source holds an extracted entity pairs that speaker with every other extracted entity inside
its content; they are compared with the (speaker, target) pairs of the attributions, all of
them and those at or above --min-confidence (the default threshold unless given), and a
reliability table (pairs binned by confidence: mean confidence against observed precision)
with its expected calibration error. See docs/quotes.md.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			docs, err := quote.ReadPolNeAR(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			var recognize func(string) ner.Result
			if !noNER {
				if recognize, err = defaultRecognize(); err != nil {
					return err
				}
			}
			rep, err := quote.Evaluate(cmd.Context(), docs, recognize)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if _, err = fmt.Fprint(out, rep.Table()); err != nil || !pairs {
				return err
			}
			if !cmd.Flags().Changed("min-confidence") {
				minConf = quote.MinConfidence()
			}
			_, err = fmt.Fprintf(out, "\n%s", rep.Pairs.PairTable(minConf))
			return err
		},
	}
	cmd.Flags().BoolVar(&noNER, "no-ner", false, "attribute without the entity recognizer (sentences and part-of-speech tags only)")
	cmd.Flags().BoolVar(&pairs, "pairs", false, "also score said-about (speaker, target) pairs, with the reliability of the confidence")
	cmd.Flags().Float64Var(&minConf, "min-confidence", 0, "threshold of the second pair row (default: the embedded calibrator's)")
	return cmd
}

// evalAgreementCommand is "newsgraph eval agreement TARBALL": the PolNeAR
// annotators scored against each other, the human ceiling of "eval quotes".
func evalAgreementCommand() *cobra.Command {
	var comps []string
	var withModel bool
	cmd := &cobra.Command{
		Use:   "agreement TARBALL",
		Short: "Score PolNeAR's annotators against each other with the metric of eval quotes",
		Long: `agreement reads the PolNeAR release tarball (polnear-v1.0.0-train-dev.tar.gz, brat
standoff files), takes every article that more than one annotator annotated, and scores each
annotator against each other one with the spans, normalization and matching of "eval quotes".
The table is the human agreement on the task: the ceiling a model can be expected to reach.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var predict func(string) []quote.GoldAttribution
			if withModel {
				recognize, err := defaultRecognize()
				if err != nil {
					return err
				}
				ms, err := quote.DefaultModels()
				if err != nil {
					return fmt.Errorf("load the attribution models: %w", err)
				}
				predict = quote.Predictor(ms, recognize)
			}
			humans, model, pairs, err := quote.Agreement(cmd.Context(), args[0], predict, comps...)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			fmt.Fprintf(out, "annotators against each other (%d ordered pairs):\n%s", pairs, humans.Table())
			if withModel {
				fmt.Fprintf(out, "\nnewsgraph against each annotator of the same articles:\n%s", model.Table())
			}
			return nil
		},
	}
	cmd.Flags().StringSliceVar(&comps, "compartment", nil, "only articles of these compartments (train, dev, annotator-training)")
	cmd.Flags().BoolVar(&withModel, "model", false, "also score newsgraph's attribution against every annotator of the same articles")
	return cmd
}

// quoteCommand is "newsgraph quote train": the attribution models.
func quoteCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "quote", Short: "Attribution models (train, calibrate)"}
	cmd.AddCommand(quoteTrainCommand(), quoteCalibrateCommand())
	return cmd
}

// quoteTrainCommand is "newsgraph quote train": learns the cue and role
// models from PolNeAR train (deterministic for a seed) and writes the file
// that quote/ embeds.
func quoteTrainCommand() *cobra.Command {
	var out, dev string
	var opt quote.TrainOptions
	cmd := &cobra.Command{
		Use:   "train TRAIN.jsonl.gz",
		Short: "Train the attribution models on PolNeAR JSON Lines (writes quote/model/attribution.bin.gz)",
		Long: `train reads PolNeAR JSON Lines (the train split), runs the embedded entity recognizer on
every article as extraction does, trains the cue and role models with the averaged structured
perceptron (deterministic for a seed) and writes them to --out. With --dev the dev split is
scored with the new models. See docs/quotes.md.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			docs, err := quote.ReadPolNeAR(ctx, args[0])
			if err != nil {
				return err
			}
			recognize, err := defaultRecognize()
			if err != nil {
				return err
			}
			opt.Logger = slog.Default()
			ms, err := quote.Train(ctx, docs, recognize, opt)
			if err != nil {
				return err
			}
			f, err := os.Create(out)
			if err != nil {
				return fmt.Errorf("create %s: %w", out, err)
			}
			if _, err := ms.WriteTo(f); err != nil {
				f.Close()
				return fmt.Errorf("write %s: %w", out, err)
			}
			if err := f.Close(); err != nil {
				return fmt.Errorf("write %s: %w", out, err)
			}
			slog.Info("wrote the attribution models", "path", out, "models", ms.String())
			if dev != "" {
				dd, err := quote.ReadPolNeAR(ctx, dev)
				if err != nil {
					return err
				}
				rep, err := quote.EvaluateWith(ctx, ms, dd, recognize)
				if err != nil {
					return err
				}
				fmt.Fprint(cmd.OutOrStdout(), rep.Table())
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "out", "o", "quote/model/attribution.bin.gz", "model file to write")
	cmd.Flags().StringVar(&dev, "dev", "", "PolNeAR JSON Lines to score the new models on")
	trainFlags(cmd, &opt)
	return cmd
}

// trainFlags registers the model training options (defaults: those of the
// embedded models).
func trainFlags(cmd *cobra.Command, opt *quote.TrainOptions) {
	cmd.Flags().IntVar(&opt.Epochs, "epochs", 4, "training epochs")
	cmd.Flags().Uint64Var(&opt.Seed, "seed", 1, "shuffling seed")
	cmd.Flags().IntVar(&opt.Runs, "runs", 1, "train each model this many times (seeds seed, seed+1, ...) and average them")
	cmd.Flags().IntVar(&opt.Folds, "folds", 4, "cross-validation folds for the cue filter's training candidates (0: no cue filter)")
	cmd.Flags().Float32Var(&opt.CandBias, "cand-bias", 20, "bias towards cue labels for the cue filter's candidates")
	cmd.Flags().Float32Var(&opt.Threshold, "threshold", -8, "filter score a candidate cue needs")
	cmd.Flags().IntVar(&opt.FilterEpochs, "filter-epochs", 10, "training passes of the cue filter")
	cmd.Flags().Float64Var(&opt.MinWeight, "min-weight", 0.05, "drop features whose weights are all below this share of the largest")
}

// defaultRecognize is the embedded entity recognizer, as extraction runs it.
func defaultRecognize() (func(string) ner.Result, error) {
	m, err := ner.DefaultModel()
	if err != nil {
		return nil, fmt.Errorf("load the entity model: %w", err)
	}
	return ner.NewRecognizer(m).Recognize, nil
}

// quoteCalibrateCommand is "newsgraph quote calibrate": fits the
// confidence of attributions on PolNeAR train by cross-validation and
// writes the calibrator that quote/ embeds.
func quoteCalibrateCommand() *cobra.Command {
	var out, dev string
	var minConf float64
	var opt quote.CalibrateOptions
	cmd := &cobra.Command{
		Use:   "calibrate TRAIN.jsonl.gz",
		Short: "Fit the attribution confidence on PolNeAR JSON Lines (writes quote/model/confidence.json)",
		Long: `calibrate reads PolNeAR JSON Lines (the train split), splits the articles into folds,
attributes each fold with models trained on the others (the options of "quote train"),
judges every attribution's said-about pairs against the gold, fits a logistic regression of
their correctness on the attributions' features, chooses the default --min-confidence as the
lowest confidence at which the folds' pairs reach --precision (or takes --min-confidence),
prints the folds' pair table and reliability (out of sample), and writes the calibrator to
--out. With --dev it also prints the pair precision and recall of the dev split (attributed
with the embedded models and the new calibrator) at thresholds from 0.50 to 0.95, from
which the default was chosen. See docs/quotes.md.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			docs, err := quote.ReadPolNeAR(ctx, args[0])
			if err != nil {
				return err
			}
			recognize, err := defaultRecognize()
			if err != nil {
				return err
			}
			opt.Logger = slog.Default()
			cal, rep, err := quote.Calibrate(ctx, docs, recognize, opt)
			if err != nil {
				return err
			}
			if cmd.Flags().Changed("min-confidence") {
				cal.MinConfidence = minConf
			}
			data, err := cal.JSON()
			if err != nil {
				return err
			}
			if err := os.WriteFile(out, data, 0o644); err != nil {
				return fmt.Errorf("write %s: %w", out, err)
			}
			w := cmd.OutOrStdout()
			fmt.Fprintf(w, "training folds, out of sample (%d attributions fitted):\n%s", rep.Instances, rep.Pairs.PairTable(cal.MinConfidence))
			if dev == "" {
				return nil
			}
			dd, err := quote.ReadPolNeAR(ctx, dev)
			if err != nil {
				return err
			}
			ms, err := quote.DefaultModels()
			if err != nil {
				return fmt.Errorf("load the attribution models: %w", err)
			}
			drep, err := quote.EvaluateCalibrated(ctx, ms, cal, dd, recognize)
			if err != nil {
				return err
			}
			fmt.Fprintf(w, "\n%s:\n%s\n%s", dev, drep.Pairs.PairTable(cal.MinConfidence), drep.Pairs.Sweep(0.50, 0.95, 0.01))
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "out", "o", "quote/model/confidence.json", "calibrator file to write")
	cmd.Flags().IntVar(&opt.Folds, "cv-folds", 4, "cross-validation folds")
	cmd.Flags().StringVar(&opt.Cache, "cache", "", "directory to keep the fold models in between runs")
	cmd.Flags().Float64Var(&opt.Fit.L2, "l2", 20, "L2 penalty of the logistic regression")
	cmd.Flags().IntVar(&opt.Fit.MinCount, "min-count", 3, "drop features seen in fewer attributions")
	cmd.Flags().Float64Var(&opt.Precision, "precision", 0.90, "said-about pair precision the default threshold aims at on the training folds")
	cmd.Flags().Float64Var(&minConf, "min-confidence", 0, "the default threshold to write, instead of the one --precision chooses")
	cmd.Flags().StringVar(&dev, "dev", "", "PolNeAR JSON Lines to print the pair table and a threshold sweep of")
	trainFlags(cmd, &opt.Train)
	return cmd
}
