/* vgd_inflect.c — English verb inflections and noun plurals for the .vgd
 * reader, so that dictionary authors write lemmas and singular nouns only.
 *
 * Rules: third person -s/-es/-ies; past -ed/-d/-ied; gerund -ing with a
 * silent e dropped; a final consonant doubles after one short stressed
 * vowel. Stress cannot be seen in spelling, so one-syllable words double by
 * rule and longer ones only when listed (admit, patrol, ...). Irregular
 * verbs come from the table below (facts of English, typed for vigia). */
#include "dict/vgd.h"

#include <stdio.h>
#include <string.h>

/* lemma, past, participle ("a/b" lists two participles). Sorted by lemma
 * for binary search. */
static const char *const irregular[][3] = {
    {"arise", "arose", "arisen"},       {"awake", "awoke", "awoken"},
    {"bear", "bore", "borne"},          {"beat", "beat", "beaten"},
    {"become", "became", "become"},     {"befall", "befell", "befallen"},
    {"begin", "began", "begun"},        {"bend", "bent", "bent"},
    {"beset", "beset", "beset"},        {"bet", "bet", "bet"},
    {"bid", "bid", "bid"},              {"bind", "bound", "bound"},
    {"bite", "bit", "bitten"},          {"bleed", "bled", "bled"},
    {"blow", "blew", "blown"},          {"break", "broke", "broken"},
    {"breed", "bred", "bred"},          {"bring", "brought", "brought"},
    {"broadcast", "broadcast", "broadcast"}, {"build", "built", "built"},
    {"burst", "burst", "burst"},        {"buy", "bought", "bought"},
    {"cast", "cast", "cast"},           {"catch", "caught", "caught"},
    {"choose", "chose", "chosen"},      {"cling", "clung", "clung"},
    {"come", "came", "come"},           {"cost", "cost", "cost"},
    {"creep", "crept", "crept"},        {"cut", "cut", "cut"},
    {"deal", "dealt", "dealt"},         {"dig", "dug", "dug"},
    {"do", "did", "done"},              {"draw", "drew", "drawn"},
    {"drink", "drank", "drunk"},        {"drive", "drove", "driven"},
    {"eat", "ate", "eaten"},            {"fall", "fell", "fallen"},
    {"feed", "fed", "fed"},             {"feel", "felt", "felt"},
    {"fight", "fought", "fought"},      {"find", "found", "found"},
    {"flee", "fled", "fled"},           {"fling", "flung", "flung"},
    {"fly", "flew", "flown"},           {"forbid", "forbade", "forbidden"},
    {"forecast", "forecast", "forecast"}, {"foresee", "foresaw", "foreseen"},
    {"forget", "forgot", "forgotten"},  {"forgive", "forgave", "forgiven"},
    {"freeze", "froze", "frozen"},      {"get", "got", "got/gotten"},
    {"give", "gave", "given"},          {"go", "went", "gone"},
    {"grind", "ground", "ground"},      {"grow", "grew", "grown"},
    {"hang", "hung", "hung"},           {"have", "had", "had"},
    {"hear", "heard", "heard"},         {"hide", "hid", "hidden"},
    {"hit", "hit", "hit"},              {"hold", "held", "held"},
    {"hurt", "hurt", "hurt"},           {"keep", "kept", "kept"},
    {"kneel", "knelt", "knelt"},        {"know", "knew", "known"},
    {"lay", "laid", "laid"},            {"lead", "led", "led"},
    {"leave", "left", "left"},          {"lend", "lent", "lent"},
    {"let", "let", "let"},              {"light", "lit", "lit"},
    {"lose", "lost", "lost"},           {"make", "made", "made"},
    {"mean", "meant", "meant"},         {"meet", "met", "met"},
    {"mislead", "misled", "misled"},    {"mistake", "mistook", "mistaken"},
    {"offset", "offset", "offset"},     {"outbid", "outbid", "outbid"},
    {"overcome", "overcame", "overcome"}, {"overhear", "overheard", "overheard"},
    {"override", "overrode", "overridden"}, {"overrun", "overran", "overrun"},
    {"oversee", "oversaw", "overseen"}, {"overtake", "overtook", "overtaken"},
    {"overthrow", "overthrew", "overthrown"}, {"pay", "paid", "paid"},
    {"prove", "proved", "proved/proven"}, {"put", "put", "put"},
    {"quit", "quit", "quit"},           {"read", "read", "read"},
    {"rebuild", "rebuilt", "rebuilt"},  {"recast", "recast", "recast"},
    {"redo", "redid", "redone"},        {"repay", "repaid", "repaid"},
    {"reset", "reset", "reset"},        {"retake", "retook", "retaken"},
    {"rethink", "rethought", "rethought"}, {"ride", "rode", "ridden"},
    {"ring", "rang", "rung"},           {"rise", "rose", "risen"},
    {"run", "ran", "run"},              {"say", "said", "said"},
    {"see", "saw", "seen"},             {"seek", "sought", "sought"},
    {"sell", "sold", "sold"},           {"send", "sent", "sent"},
    {"set", "set", "set"},              {"shake", "shook", "shaken"},
    {"shed", "shed", "shed"},           {"shine", "shone", "shone"},
    {"shoot", "shot", "shot"},          {"show", "showed", "shown"},
    {"shrink", "shrank", "shrunk"},     {"shut", "shut", "shut"},
    {"sing", "sang", "sung"},           {"sink", "sank", "sunk"},
    {"sit", "sat", "sat"},              {"slay", "slew", "slain"},
    {"sleep", "slept", "slept"},        {"slide", "slid", "slid"},
    {"slit", "slit", "slit"},           {"speak", "spoke", "spoken"},
    {"speed", "sped", "sped"},          {"spend", "spent", "spent"},
    {"spin", "spun", "spun"},           {"split", "split", "split"},
    {"spread", "spread", "spread"},     {"spring", "sprang", "sprung"},
    {"stand", "stood", "stood"},        {"steal", "stole", "stolen"},
    {"stick", "stuck", "stuck"},        {"sting", "stung", "stung"},
    {"stride", "strode", "stridden"},   {"strike", "struck", "struck/stricken"},
    {"string", "strung", "strung"},     {"strive", "strove", "striven"},
    {"swear", "swore", "sworn"},        {"sweep", "swept", "swept"},
    {"swim", "swam", "swum"},           {"swing", "swung", "swung"},
    {"take", "took", "taken"},          {"teach", "taught", "taught"},
    {"tear", "tore", "torn"},           {"tell", "told", "told"},
    {"think", "thought", "thought"},    {"throw", "threw", "thrown"},
    {"thrust", "thrust", "thrust"},     {"tread", "trod", "trodden"},
    {"undercut", "undercut", "undercut"}, {"undergo", "underwent", "undergone"},
    {"understand", "understood", "understood"},
    {"undertake", "undertook", "undertaken"}, {"undo", "undid", "undone"},
    {"uphold", "upheld", "upheld"},     {"upset", "upset", "upset"},
    {"wake", "woke", "woken"},          {"wear", "wore", "worn"},
    {"weave", "wove", "woven"},         {"wed", "wed", "wed"},
    {"weep", "wept", "wept"},           {"win", "won", "won"},
    {"wind", "wound", "wound"},         {"withdraw", "withdrew", "withdrawn"},
    {"withhold", "withheld", "withheld"}, {"withstand", "withstood", "withstood"},
    {"wring", "wrung", "wrung"},        {"write", "wrote", "written"},
};

/* Words of more than one syllable whose final consonant doubles (stress on
 * the last syllable, or a compound of a one-syllable verb). Sorted. */
static const char *const doubling[] = {
    "abet", "acquit", "admit", "airdrop", "allot", "annul", "commit", "compel", "concur",
    "confer", "control", "defer", "deter", "dispel", "embed", "emit", "equip", "excel",
    "expel", "extol", "handicap", "incur", "kidnap", "occur", "omit", "outstrip",
    "overlap", "overstep", "patrol", "permit", "prefer", "propel", "rebel", "recur",
    "refer", "regret", "remit", "repel", "sidestep", "submit", "transfer", "transmit",
    "unplug", "worship",
};

static int cmp_lemma(const void *key, const void *elem) {
    return strcmp((const char *)key, *(const char *const *)elem);
}

static const char *const *find_irregular(const char *w) {
    size_t lo = 0, hi = sizeof irregular / sizeof irregular[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(w, irregular[mid][0]);
        if (c == 0) return irregular[mid];
        if (c < 0) hi = mid; else lo = mid + 1;
    }
    return NULL;
}

static bool in_doubling(const char *w) {
    size_t lo = 0, hi = sizeof doubling / sizeof doubling[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_lemma(w, &doubling[mid]);
        if (c == 0) return true;
        if (c < 0) hi = mid; else lo = mid + 1;
    }
    return false;
}

static bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

/* Whether the final consonant doubles before -ed/-ing: consonant-vowel-
 * consonant ending (final not w, x, y), and either one vowel group in the
 * word or a listed polysyllable. */
static bool doubles(const char *w, size_t n) {
    if (n < 3) return false;
    char c = w[n - 1], v = w[n - 2], p = w[n - 3];
    if (is_vowel(c) || c == 'w' || c == 'x' || c == 'y' || c == '-') return false;
    /* "qu" spells a consonant: quit → quitting, equip → equipped */
    bool qu = p == 'u' && n >= 4 && w[n - 4] == 'q';
    if (!is_vowel(v) || (is_vowel(p) && !qu)) return false;
    if (in_doubling(w)) return true;
    int groups = 0;
    bool in = false;
    for (size_t i = 0; i < n; i++) {
        bool vw = is_vowel(w[i]) || (w[i] == 'y' && i > 0 && !is_vowel(w[i - 1]));
        if (vw && !in) groups++;
        in = vw;
    }
    return groups == 1;
}

static void add_form(vg_vgd_forms *out, const char *s) {
    for (int i = 0; i < out->n; i++)
        if (strcmp(out->form[i], s) == 0) return;
    if (out->n < (int)(sizeof out->form / sizeof out->form[0]))
        snprintf(out->form[out->n++], sizeof out->form[0], "%s", s);
}

bool vg_vgd__inflect(const char *lemma, size_t len, vg_vgd_forms *res) {
    if (len == 0 || len > VG_VGD_MAX_WORD) return false;
    char w[VG_VGD_MAX_WORD + 1];
    for (size_t i = 0; i < len; i++) {
        char c = lemma[i];
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        if (!((c >= 'a' && c <= 'z') || (c == '-' && i > 0 && i + 1 < len))) return false;
        w[i] = c;
    }
    w[len] = '\0';
    size_t n = len;
    vg_vgd_forms out;
    out.n = 0;
    char buf[VG_VGD_MAX_WORD + 8];
    add_form(&out, w);

    /* third person singular */
    char last = w[n - 1], prev = n >= 2 ? w[n - 2] : '\0';
    if (last == 's' || last == 'x' || last == 'z' || last == 'o' ||
        (last == 'h' && (prev == 's' || prev == 'c')))
        snprintf(buf, sizeof buf, "%ses", w);
    else if (last == 'y' && n >= 2 && !is_vowel(prev))
        snprintf(buf, sizeof buf, "%.*sies", (int)(n - 1), w);
    else
        snprintf(buf, sizeof buf, "%ss", w);
    add_form(&out, buf);

    /* past and participle */
    const char *const *irr = find_irregular(w);
    bool dbl = doubles(w, n);
    if (irr) {
        add_form(&out, irr[1]);
        const char *slash = strchr(irr[2], '/');
        if (slash) {
            snprintf(buf, sizeof buf, "%.*s", (int)(slash - irr[2]), irr[2]);
            add_form(&out, buf);
            add_form(&out, slash + 1);
        } else {
            add_form(&out, irr[2]);
        }
    } else if (last == 'e') {
        snprintf(buf, sizeof buf, "%sd", w);
        add_form(&out, buf);
    } else if (last == 'y' && n >= 2 && !is_vowel(prev)) {
        snprintf(buf, sizeof buf, "%.*sied", (int)(n - 1), w);
        add_form(&out, buf);
    } else if (dbl) {
        snprintf(buf, sizeof buf, "%s%ced", w, last);
        add_form(&out, buf);
    } else {
        snprintf(buf, sizeof buf, "%sed", w);
        add_form(&out, buf);
    }

    /* gerund */
    if (n >= 2 && prev == 'i' && last == 'e')
        snprintf(buf, sizeof buf, "%.*sying", (int)(n - 2), w);
    else if (last == 'e' && n >= 2 && prev != 'e' && prev != 'y' && prev != 'o' && n > 2)
        snprintf(buf, sizeof buf, "%.*sing", (int)(n - 1), w);
    else if (dbl)
        snprintf(buf, sizeof buf, "%s%cing", w, last);
    else
        snprintf(buf, sizeof buf, "%sing", w);
    add_form(&out, buf);
    *res = out;
    return true;
}

/* -f/-fe nouns with -ves plurals (the common ones in news). */
static const char *const f_to_ves[] = {"half", "knife", "leaf", "life", "self", "shelf", "thief",
                                       "wife", "wolf"};
/* consonant + o nouns that take -es. */
static const char *const o_to_oes[] = {"cargo", "echo", "embargo", "hero", "potato", "tomato",
                                       "torpedo", "veto"};
/* irregular nouns (singular, plural) */
static const char *const irregular_nouns[][2] = {
    {"child", "children"}, {"foot", "feet"}, {"man", "men"}, {"mouse", "mice"},
    {"person", "people"}, {"woman", "women"}, {"crisis", "crises"}, {"analysis", "analyses"},
    {"thesis", "theses"}, {"criterion", "criteria"}, {"phenomenon", "phenomena"},
};

static bool word_in(const char *w, size_t n, const char *const *list, size_t count) {
    for (size_t i = 0; i < count; i++)
        if (strlen(list[i]) == n && memcmp(list[i], w, n) == 0) return true;
    return false;
}

static char lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }

/* Case-insensitive suffix test on w[0..n). */
static bool ends_with(const char *w, size_t n, const char *suf) {
    size_t k = strlen(suf);
    if (k > n) return false;
    for (size_t i = 0; i < k; i++)
        if (lower(w[n - k + i]) != suf[i]) return false;
    return true;
}

size_t vg_vgd__plural(const char *p, size_t len, char *out, size_t cap) {
    /* find the word to inflect: before " of " if any, else the last word */
    size_t wend = len;
    while (wend > 0 && (p[wend - 1] == ' ' || p[wend - 1] == '_')) wend--;
    for (size_t i = 0; i + 4 <= len; i++) {
        if ((p[i] == ' ' || p[i] == '_') && lower(p[i + 1]) == 'o' && lower(p[i + 2]) == 'f' &&
            (p[i + 3] == ' ' || p[i + 3] == '_') && i > 0) {
            wend = i;
            break;
        }
    }
    size_t wbeg = wend;
    while (wbeg > 0 && p[wbeg - 1] != ' ' && p[wbeg - 1] != '_') wbeg--;
    if (wbeg == wend) {
        if (cap) out[0] = '\0';
        return 0;
    }
    const char *w = p + wbeg;
    size_t n = wend - wbeg;
    char word[VG_VGD_MAX_WORD + 8];
    if (n > VG_VGD_MAX_WORD) {
        if (cap) out[0] = '\0';
        return 0;
    }
    char lw[VG_VGD_MAX_WORD + 1];
    for (size_t i = 0; i < n; i++) lw[i] = lower(w[i]);
    lw[n] = '\0';

    const char *irr = NULL;
    size_t stem = n; /* bytes of w kept before the new ending */
    const char *ending = "s";
    for (size_t i = 0; i < sizeof irregular_nouns / sizeof irregular_nouns[0]; i++) {
        size_t k = strlen(irregular_nouns[i][0]);
        /* whole word, or a compound ending in it: policeman, spokeswoman */
        if (ends_with(lw, n, irregular_nouns[i][0]) &&
            (k == n || strcmp(irregular_nouns[i][0], "man") == 0 ||
             strcmp(irregular_nouns[i][0], "woman") == 0 ||
             strcmp(irregular_nouns[i][0], "person") == 0)) {
            irr = irregular_nouns[i][1];
            stem = n - k;
            ending = irr;
            break;
        }
    }
    char last = lw[n - 1], prev = n >= 2 ? lw[n - 2] : '\0';
    if (irr) {
        /* set above */
    } else if (word_in(lw, n, f_to_ves, sizeof f_to_ves / sizeof *f_to_ves)) {
        stem = last == 'e' ? n - 2 : n - 1;
        ending = "ves";
    } else if (word_in(lw, n, o_to_oes, sizeof o_to_oes / sizeof *o_to_oes)) {
        ending = "es";
    } else if (last == 's' || last == 'x' || last == 'z' ||
               (last == 'h' && (prev == 's' || prev == 'c'))) {
        ending = "es";
    } else if (last == 'y' && n >= 2 && !is_vowel(prev)) {
        stem = n - 1;
        ending = "ies";
    }
    /* keep the author's case style: an all-caps word gets a caps ending */
    bool caps = n >= 2 && w[0] >= 'A' && w[0] <= 'Z' && w[n - 1] >= 'A' && w[n - 1] <= 'Z';
    size_t k = 0;
    for (size_t i = 0; i < stem; i++) word[k++] = w[i];
    for (const char *e = ending; *e && k < sizeof word - 1; e++)
        word[k++] = caps && *e >= 'a' && *e <= 'z' ? (char)(*e - 'a' + 'A') : *e;
    word[k] = '\0';
    return (size_t)snprintf(out, cap, "%.*s%s%.*s", (int)wbeg, p, word, (int)(len - wend),
                            p + wend);
}
