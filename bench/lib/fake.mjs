// Plausible, reproducible fake content (seeded PRNG): names, profiles, journal texts, messages.
const FIRST = ['Ada', 'Ben', 'Chloe', 'Dev', 'Elif', 'Farid', 'Grace', 'Hugo', 'Ines', 'Jonas', 'Kemal', 'Lea',
    'Mina', 'Noah', 'Olga', 'Pavel', 'Qi', 'Rosa', 'Sami', 'Tara', 'Umar', 'Vera', 'Wim', 'Xenia', 'Yusuf', 'Zoe'];
const LAST = ['Abbott', 'Berger', 'Costa', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Hoffmann', 'Ito', 'Jensen',
    'Kowalski', 'Lopez', 'Meyer', 'Nowak', 'Okafor', 'Peters', 'Quinn', 'Rossi', 'Schmidt', 'Tanaka', 'Urban',
    'Vogel', 'Weber', 'Yilmaz', 'Zimmer'];
export const EXPERTISE = ['anxiety', 'depression', 'trauma', 'couples', 'grief', 'addiction', 'adhd',
    'eating disorders', 'ocd', 'stress'];
export const LOCATIONS = ['Berlin', 'Hamburg', 'Munich', 'Cologne', 'Vienna', 'Zurich', 'Amsterdam', 'Paris',
    'Lyon', 'Madrid', 'Lisbon', 'Rome', 'Milan', 'Prague', 'Warsaw', 'Copenhagen', 'Oslo', 'Dublin', 'London', 'Online'];
const LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'pt', 'pl', 'tr', 'nl'];
export const FEELINGS = ['happy', 'calm', 'grateful', 'hopeful', 'proud', 'content', 'excited', 'sad', 'anxious',
    'angry', 'frustrated', 'lonely', 'stressed', 'tired', 'overwhelmed', 'scared', 'ashamed', 'guilty', 'numb',
    'confused'];
const WORDS = ('today I felt the meeting went better than expected but later the evening was hard again '
    + 'slept badly worried about work walked by the river talked with my sister breathing exercise helped '
    + 'noticed the thought and let it pass tired after the long day small win finished the task '
    + 'argument at home feeling lighter after the session wrote down three good things').split(' ');

export class Fake {
    constructor(seed = 42) {
        this.state = seed >>> 0;
    }

    /** mulberry32: a tiny, fast, seedable PRNG, so a scale's data is the same on every run. */
    random() {
        this.state = (this.state + 0x6d2b79f5) >>> 0;
        let t = this.state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    }

    int(min, max) {
        return min + Math.floor(this.random() * (max - min + 1));
    }

    pick(list) {
        return list[Math.floor(this.random() * list.length)];
    }

    some(list, min, max) {
        const chosen = new Set();
        const count = this.int(min, max);
        while (chosen.size < count) {
            chosen.add(this.pick(list));
        }
        return [...chosen];
    }

    name() {
        return `${this.pick(FIRST)} ${this.pick(LAST)}`;
    }

    text(minWords, maxWords) {
        const words = Array.from({ length: this.int(minWords, maxWords) }, () => this.pick(WORDS));
        return words.join(' ').replace(/^./, (c) => c.toUpperCase()) + '.';
    }

    therapistProfile() {
        return {
            name: `Dr. ${this.name()}`,
            expertise: this.some(EXPERTISE, 1, 3),
            location: this.pick(LOCATIONS),
            bio: this.text(20, 60),
            languages: this.some(LANGUAGES, 1, 3),
            acceptingClients: this.random() < 0.8,
        };
    }

    clientProfile() {
        return { name: this.name(), timezone: 'Europe/Berlin', pronouns: this.pick(['she/her', 'he/him', 'they/them']) };
    }

    /** A journal entry written at some moment of the past {@code days} days. */
    journalEntry(days) {
        const time = new Date(Date.now() - 60_000 - Math.floor(this.random() * days * 86_400_000));
        return {
            content: this.text(10, 80),
            feeling: this.pick(FEELINGS),
            intensity: this.int(1, 10),
            time: time.toISOString(),
            private: this.random() < 0.1,
        };
    }

    shuffle(list) {
        for (let i = list.length - 1; i > 0; i--) {
            const j = Math.floor(this.random() * (i + 1));
            [list[i], list[j]] = [list[j], list[i]];
        }
        return list;
    }
}
