package quote

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"

	"github.com/newsgraph/newsgraph/article"
	"github.com/newsgraph/newsgraph/ner"
)

// CalibrateOptions configure Calibrate.
type CalibrateOptions struct {
	// Train are the options of the fold models: those the embedded models
	// were trained with, so that the folds' attributions look like
	// extraction's.
	Train TrainOptions
	// Folds is the number of cross-validation folds (default 4): the
	// attributions of each fold are found by models trained on the others.
	Folds int
	// Cache, when not "", is a directory that keeps the fold models
	// (fold-K-of-N.bin.gz) between runs; training them is most of the time.
	Cache string
	Fit   FitOptions
	// Precision is the said-about pair precision the default threshold
	// aims at on the folds (default 0.90).
	Precision float64
	Logger    *slog.Logger
}

// CalibrationReport is what Calibrate measured on the training folds.
type CalibrationReport struct {
	// Pairs scores the folds' attributions with confidences from
	// calibrators fitted on the other folds (so every confidence is out of
	// sample): the pair table and reliability of the training data.
	Pairs PairEval
	// Instances is the number of judged attributions fitted.
	Instances int
}

// Calibrate fits the confidence calibrator on attribution-annotated
// articles (PolNeAR train): the articles are split into folds, models
// trained on the other folds (with opt.Train) attribute each fold, every
// attribution with pairs is judged against the gold (see judgeArticle), and
// a logistic regression is fitted to them, each weighted by its number of
// pairs. The default threshold is the lowest confidence at which the pairs
// of the folds, scored with calibrators fitted without them, reach
// opt.Precision. Deterministic for fixed options.
func Calibrate(ctx context.Context, docs []GoldArticle, recognize func(string) ner.Result, opt CalibrateOptions) (*Calibrator, CalibrationReport, error) {
	var rep CalibrationReport
	if opt.Folds < 2 {
		opt.Folds = 4
	}
	if opt.Precision == 0 {
		opt.Precision = 0.90
	}
	log := opt.Logger
	if log == nil {
		log = slog.Default()
	}
	results := make([]ner.Result, len(docs))
	for i, d := range docs {
		if recognize != nil {
			results[i] = recognize(d.Text)
		}
	}
	cached := func(text string) ner.Result {
		for i, d := range docs {
			if d.Text == text {
				return results[i]
			}
		}
		if recognize != nil {
			return recognize(text)
		}
		return ner.Result{}
	}
	// Each fold attributed by models that did not see it.
	type judgedDoc struct {
		fold   int
		gold   map[pairKey]bool
		items  []JudgedAttribution // for fitting: pronoun sources judged too
		judged []JudgedAttribution // for the pair table
	}
	var jdocs []judgedDoc
	for k := range opt.Folds {
		ms, err := foldModels(ctx, docs, cached, opt, k)
		if err != nil {
			return nil, rep, err
		}
		for di, d := range docs {
			if di%opt.Folds != k {
				continue
			}
			ats := attribute(ms, nil, &article.Article{Text: d.Text, Clean: d.Text}, results[di])
			_, items := judgeArticle(d.Text, d.Attributions, ats, results[di].Entities, true)
			gp, judged := judgeArticle(d.Text, d.Attributions, ats, results[di].Entities, false)
			jdocs = append(jdocs, judgedDoc{fold: k, gold: gp, items: items, judged: judged})
		}
		log.Info("calibration fold attributed", "fold", k+1, "of", opt.Folds)
	}
	instances := func(keep func(fold int) bool) []calInstance {
		var out []calInstance
		for _, jd := range jdocs {
			if keep(jd.fold) {
				out = append(out, calInstances(jd.items)...)
			}
		}
		return out
	}
	all := instances(func(int) bool { return true })
	rep.Instances = len(all)
	cal := fitCalibrator(all, opt.Fit)
	// Out-of-sample confidences for the threshold and the training
	// reliability: each fold scored by a calibrator fitted on the others.
	for k := range opt.Folds {
		ck := fitCalibrator(instances(func(f int) bool { return f != k }), opt.Fit)
		for _, jd := range jdocs {
			if jd.fold != k {
				continue
			}
			for i := range jd.judged {
				jd.judged[i].Confidence = ck.Confidence(jd.judged[i].feats)
			}
			rep.Pairs.add(jd.gold, jd.judged)
		}
	}
	cal.MinConfidence = rep.Pairs.Threshold(opt.Precision)
	log.Info("calibrator fitted", "attributions", len(all), "features", len(cal.Weights), "min confidence", cal.MinConfidence)
	return cal, rep, nil
}

// calInstances are the fitting instances of one article's judged
// attributions. The unit of the pair table is a pair of the article, however
// many attributions make it (a speaker quoted on one target five times
// makes one pair): each pair weighs 1, shared among the attributions that
// make it, so that the fit weighs attributions as the table weighs pairs.
func calInstances(items []JudgedAttribution) []calInstance {
	makers := map[pairKey]int{}
	for _, ja := range items {
		for _, t := range ja.Targets {
			makers[pairKey{ja.Speaker, t}]++
		}
	}
	out := make([]calInstance, 0, len(items))
	for _, ja := range items {
		var w, y float64
		for i, t := range ja.Targets {
			v := 1 / float64(makers[pairKey{ja.Speaker, t}])
			w += v
			if ja.right[i] {
				y += v
			}
		}
		out = append(out, calInstance{feats: ja.feats, y: y / w, w: w})
	}
	return out
}

// Threshold is the lowest confidence at which the judged pairs reach
// precision p (1 when none does).
func (pe PairEval) Threshold(p float64) float64 {
	items := slices.Clone(pe.Items)
	slices.SortFunc(items, func(a, b PairItem) int {
		switch {
		case a.Confidence > b.Confidence:
			return -1
		case a.Confidence < b.Confidence:
			return 1
		}
		return 0
	})
	best := 1.0
	tp := 0
	for i, it := range items {
		if it.Gold {
			tp++
		}
		last := i+1 == len(items) || items[i+1].Confidence < it.Confidence
		if last && float64(tp)/float64(i+1) >= p {
			best = it.Confidence
		}
	}
	return best
}

// foldModels trains (or reads from opt.Cache) the models of fold k: trained
// on the articles of the other folds.
func foldModels(ctx context.Context, docs []GoldArticle, recognize func(string) ner.Result, opt CalibrateOptions, k int) (*Models, error) {
	path := ""
	if opt.Cache != "" {
		path = filepath.Join(opt.Cache, fmt.Sprintf("fold-%d-of-%d.bin.gz", k+1, opt.Folds))
		data, err := os.ReadFile(path)
		switch {
		case err == nil:
			return ReadModels(bytes.NewReader(data))
		case !errors.Is(err, fs.ErrNotExist):
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
	}
	var train []GoldArticle
	for di, d := range docs {
		if di%opt.Folds != k {
			train = append(train, d)
		}
	}
	to := opt.Train
	to.Logger = slog.New(slog.DiscardHandler)
	ms, err := Train(ctx, train, recognize, to)
	if err != nil {
		return nil, fmt.Errorf("train the models of fold %d: %w", k+1, err)
	}
	// The models as extraction uses them: written and read back (weights
	// quantised), the same whether they come from the cache or not.
	var buf bytes.Buffer
	if _, err := ms.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("fold models: %w", err)
	}
	if path != "" {
		if err := os.MkdirAll(opt.Cache, 0o755); err != nil {
			return nil, fmt.Errorf("fold models: %w", err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			return nil, fmt.Errorf("write %s: %w", path, err)
		}
	}
	return ReadModels(&buf)
}
