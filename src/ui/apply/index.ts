/** Apply's output: the ink progress view in a terminal, one line per action otherwise. */
export { inkReporter, lineReporter, wantsProgressView, type ApplyReporter, type Ticker } from './reporter.js';
export { countSteps, plannedSteps, type Outcome, type ProgressEvent, type Step, type StepAction } from './steps.js';
export { CANCELLED_TEXT, CONFIRM_PROMPT, CONFIRM_QUESTION, DESTROY_PROMPT, INTERRUPT_TEXT, callsText, eventLine, forcedExitText, outcomeText, verifyText, type ForcedExit } from './text.js';
