import type { Reporter, TestCase, TestResult, TestStep } from "@playwright/test/reporter";

/**
 * Repeats each failure in a few lines after everything else, because CI keeps only the tail of
 * the output and the list reporter prints a failure's error above its long attachment list.
 */
export default class FailureSummary implements Reporter {
  private readonly failures: string[] = [];

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status === "passed" || result.status === "skipped") return;
    const step = failedStep(result.steps);
    const message = (result.error?.message ?? result.status).replace(ANSI_COLOUR, "");
    const error = message.split("\n").slice(0, 8).join("\n    ");
    this.failures.push(
      `✘ ${test.titlePath().slice(1).join(" › ")} (attempt ${result.retry + 1})\n` +
        (step ? `  step: ${step}\n` : "") +
        `  at: ${result.error?.location ? `${result.error.location.file}:${result.error.location.line}` : "?"}\n` +
        `    ${error}`,
    );
  }

  onEnd(): void {
    if (this.failures.length === 0) return;
    console.log(`\nFailed attempts (${this.failures.length}; a test whose retry passed is flaky):\n${this.failures.join("\n")}`);
  }

  printsToStdio(): boolean {
    return true;
  }
}

// Terminal colour codes, which the error messages carry.
const ANSI_COLOUR = /\u001b\[[0-9;]*m/g;

/** The innermost `test.step` that failed, as "outer › inner". */
function failedStep(steps: TestStep[]): string | undefined {
  for (const step of steps) {
    if (step.category !== "test.step" || !step.error) continue;
    const inner = failedStep(step.steps);
    return inner ? `${step.title} › ${inner}` : step.title;
  }
  return undefined;
}
