// A one-line progress bar on stderr: phase, bar, done/total, rate and time left.
const WIDTH = 30;

export class Progress {
    constructor(phase, total) {
        this.phase = phase;
        this.total = total;
        this.done = 0;
        this.started = Date.now();
        this.lastDraw = 0;
        this.drawnAt = -1;
        this.interactive = process.stderr.isTTY;
    }

    tick() {
        this.done++;
        const now = Date.now();
        // Redraw at most 5 times a second on a terminal, every 10 % in a log file.
        const due = this.interactive ? now - this.lastDraw > 200
            : Math.floor((this.done * 10) / this.total) !== Math.floor(((this.done - 1) * 10) / this.total);
        if (due || this.done === this.total) {
            this.lastDraw = now;
            this.draw();
        }
    }

    /** A message above the bar. */
    note(message) {
        process.stderr.write(`${this.interactive ? '\r\x1b[K' : ''}  ${message}\n`);
    }

    draw() {
        this.drawnAt = this.done;
        const fraction = this.total === 0 ? 1 : this.done / this.total;
        const filled = Math.round(fraction * WIDTH);
        const seconds = (Date.now() - this.started) / 1000;
        const rate = seconds > 0 ? this.done / seconds : 0;
        const left = rate > 0 ? (this.total - this.done) / rate : 0;
        const line = `${this.phase.padEnd(18)} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] `
            + `${this.done}/${this.total} ${(fraction * 100).toFixed(0).padStart(3)}% `
            + `${rate.toFixed(0)}/s, ${formatSeconds(seconds)} spent, ${formatSeconds(left)} left`;
        process.stderr.write(this.interactive ? `\r\x1b[K${line}` : `${line}\n`);
    }

    /** Ends the line and returns the phase's rate, for the summary. */
    finish() {
        if (this.drawnAt !== this.done) {
            this.draw();
        }
        if (this.interactive) {
            process.stderr.write('\n');
        }
        const seconds = (Date.now() - this.started) / 1000;
        return { phase: this.phase, count: this.done, seconds: Number(seconds.toFixed(1)) };
    }
}

function formatSeconds(seconds) {
    const s = Math.round(seconds);
    return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}
