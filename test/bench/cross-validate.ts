// k-fold cross-validation for the learned models: each row read by a model trained on the other folds
// (rows dealt to folds in order, so the same rows give the same folds), as the kind and signal trainers
// both measure their models.

export const FOLDS = 10;

/**
 * Each row's readings by the model trained without its fold: `train` fits a model to the other folds'
 * rows, and `read` gives one reading per row for each way of using that model (one per pruning, say).
 */
export function crossValidate<Row, Model, Reading>(
  rows: readonly Row[],
  train: (training: Row[]) => Model,
  read: (model: Model, row: Row) => Reading[],
): Reading[][] {
  const readings = new Array<Reading[]>(rows.length);
  for (let fold = 0; fold < FOLDS; fold++) {
    const model = train(rows.filter((_, at) => at % FOLDS !== fold));
    rows.forEach((row, at) => {
      if (at % FOLDS === fold) readings[at] = read(model, row);
    });
  }
  return readings;
}
