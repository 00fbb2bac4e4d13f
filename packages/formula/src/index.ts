/**
 * @gradlab/formula: the course's backpropagation formula randomizer (identical
 * to `utils/randomized_backpropagation_formula.py` for every name), a parser
 * and printers, computational graphs and worked forward/backward solutions
 * checked three ways (autograd, hand rules, finite differences).
 *
 * @example
 * ```ts
 * import { randomFormula, solve, renderSolution } from '@gradlab/formula';
 * const { expr, values } = randomFormula('Francesco Tomba');
 * console.log(renderSolution(solve(expr, values), 'text'));
 * ```
 *
 * @packageDocumentation
 */
export {
  binary,
  constant,
  equals,
  unary,
  usedVariables,
  variable,
  variables,
  COURSE_BINARY,
  COURSE_UNARY,
  LEAKY_SLOPE,
} from './ast';
export type { BinaryNode, BinaryOp, ConstantNode, Expr, UnaryNode, UnaryOp, VariableNode } from './ast';
export { FormulaError } from './errors';
export type { FormulaErrorCode } from './errors';
export { md5, md5Hex } from './md5';
export { MT19937 } from './mt19937';
export { PythonRandom, seedWords } from './python-random';
export {
  COURSE_CLOSING_NOTE,
  COURSE_PROMPT,
  courseFormulaLine,
  courseLines,
  courseOutput,
  courseTranscript,
  nameSeed,
  pythonDict,
  randomFormula,
} from './randomizer';
export type { RandomFormula } from './randomizer';
export { caret, parse } from './parser';
export { checkFormulaSize, FORMULA_LIMITS } from './limits';
export { formatNumber, latexName, toCourse, toDisplay, toLatex, toPlain, toPyTorch, toPyTorchProgram } from './printers';
export type { PyTorchOptions } from './printers';
export { BINARY, cPow, UNARY } from './ops';
export type { BinarySpec, Mask, UnarySpec } from './ops';
export { bindValues, evaluate, trace } from './evaluate';
export type { Trace, TraceEdge, TraceNode, Values } from './evaluate';
export { differentiate, simplify, symbolicGradient } from './symbolic';
export {
  analyzeDomain,
  COMFORTABLE_LIMIT,
  COURSE_RANGE,
  findKinks,
  findProblems,
  fixQuality,
  HAND_LIMIT,
  MAX_CHANGES,
  SEARCH_BUDGET,
} from './domain';
export type { DomainError, DomainFix, DomainProblem, FixQuality, Kink } from './domain';
export { explainZeroGradient, explainZeroPartials } from './zero-gradient';
export type { GradientStop, GradientStopKind, ZeroGradientExplanation, ZeroGradientSource } from './zero-gradient';
export { finiteDifferences } from './finite-diff';
export type { FiniteDifference, FiniteDifferenceOptions } from './finite-diff';
export { autogradTrace } from './autograd-eval';
export type { AutogradOptions, AutogradResult } from './autograd-eval';
export { agree, gradientScales, solve, workedSolution } from './solve';
export type { CrossCheck, GradientCheck, Solution, SolutionNode } from './solve';
export { graph, PRINT_FONT_SIZE, toDot, toMermaid, toSvg } from './graph';
export type { Graph, GraphEdge, GraphLayoutStyle, GraphNode, GraphOptions } from './graph';
export { A4_GRAPH_AREA, graphLayout, printFit, readLayout } from './graph-layout';
export type { GraphLayout, GraphShape, GraphText, Point, PrintArea, PrintFit } from './graph-layout';
export { tikzPicture, toTikz } from './tikz';
export type { TikzOptions } from './tikz';
export { backwardRows, domainErrorJson, forwardRows, renderDocument, renderSolution, solutionJson } from './report';
export type { BackwardRow, ForwardRow, RenderOptions, SolutionFormat } from './report';
export { checkSummary } from './report-summary';
export type { CheckSummary, Unchecked } from './report-summary';
export { isResidue, residueNote, roundingResidues } from './residue';
export type { Residue, RoundingResidues } from './residue';
export { float32Comparison, homeworkTensor } from './float32';
export type { Float32Comparison, Float32Difference } from './float32';
export { latexLines } from './latex-lines';
export type { LatexLinesOptions } from './latex-lines';
export { formatValue, jsonNumber } from './format';
export { answersFromCsv, answersFromJson, answersTemplate, answerValue, edgeKey, parseAnswers } from './answers';
export type { Answers, TemplateOptions } from './answers';
export { checkAnswers, DEFAULT_DIGITS, handClose, solveForAnswers } from './check';
export type { CellStatus, CellTable, CheckedCell, CheckOptions, CheckResult, CheckSource } from './check';
export { forwardSlips, localRule, localSlips, MISTAKE_KINDS } from './mistakes';
export type { MistakeKind, Slip } from './mistakes';
export { misreadings } from './misreadings';
export type { Misreading } from './misreadings';
export { cellLabel, cellTitle, checkJson, renderCheck } from './check-report';
export type { RenderCheckOptions } from './check-report';
export { answerKey, answerKeyCellsCsv, answerKeyCsv, answerKeyJson, gradingTolerance, roundTo, toleranceRule } from './answer-key';
export type { AnswerKey, AnswerKeyOptions, KeyEntry } from './answer-key';
export { csvCell, csvRow } from './csv';
export type { CsvValue } from './csv';
export { answerKeyHtml, handoutHtml, handoutLatex, handoutsHtml, HANDOUT_GRAPH_AREA } from './handout';
export type { HandoutOptions, LatexHandoutOptions } from './handout';
export { parseRoster } from './roster';
export type { Roster, RosterOptions, RosterWarning } from './roster';
export { instructorKit } from './kit';
export type { KitFiles, KitOptions } from './kit';
