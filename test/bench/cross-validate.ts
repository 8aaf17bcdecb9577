// Cross-validation for the learned models: each row read by a model trained without its fold. Two ways of
// dealing rows to folds: ten folds dealt in order (so the same rows give the same folds), which mixes each
// writer's messages into training and scoring alike, and one fold per labelled file (each file is one
// writer or one batch), which scores every message by a model that never saw its writer — the honest
// figure for how a model carries to new writers.

export const FOLDS = 10;

/** Which fold a row is scored in. */
export type FoldOf<Row> = (row: Row, at: number) => string;

/** Ten folds, rows dealt to them in order. */
export const dealtFolds: FoldOf<unknown> = (_, at) => String(at % FOLDS);

/** One fold per labelled file: the row's file is left out of the training of the model that reads it. */
export const fileFolds: FoldOf<{ file: string }> = (row) => row.file;

/**
 * Each row's readings by the model trained without its fold: `train` fits a model to the other folds'
 * rows, and `read` gives one reading per row for each way of using that model (one per pruning, say).
 */
export function crossValidate<Row, Model, Reading>(
  rows: readonly Row[],
  train: (training: Row[]) => Model,
  read: (model: Model, row: Row) => Reading[],
  foldOf: FoldOf<Row> = dealtFolds,
): Reading[][] {
  const folds = rows.map(foldOf);
  const readings = new Array<Reading[]>(rows.length);
  for (const fold of new Set(folds)) {
    const model = train(rows.filter((_, at) => folds[at] !== fold));
    rows.forEach((row, at) => {
      if (folds[at] === fold) readings[at] = read(model, row);
    });
  }
  return readings;
}
