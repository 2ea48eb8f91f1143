package cli

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"regulars/data"
	"regulars/internal/clock"
	"regulars/letters"
	"regulars/letters/mail"
)

// sessionPasswords are the passwords given for this run only, through the
// environment (never stored in the book).
func sessionPasswords() (smtp, imap string) {
	return os.Getenv("REGULARS_SMTP_PASSWORD"), os.Getenv("REGULARS_IMAP_PASSWORD")
}

// mailSettings reads the servers with the passwords of this run or the
// keyring; a missing password names the variable that gives it.
func mailSettings(e *env) (mail.Server, *mail.Server, string, error) {
	sp, ip := sessionPasswords()
	smtpSrv, imapSrv, from, err := letters.MailSettings(e.ctx, e.store, sp, ip)
	return smtpSrv, imapSrv, from, passwordHint(err)
}

// outboxSender sets up the outbox's sender as the window does
// (letters.OutboxSender), with the passwords of this run or the keyring.
func outboxSender(e *env) (*mail.Sender, error) {
	sp, ip := sessionPasswords()
	sd, err := letters.OutboxSender(e.ctx, e.store, sp, ip)
	return sd, passwordHint(err)
}

// passwordHint adds to a missing password the variable that gives it.
func passwordHint(err error) error {
	var need *mail.PasswordNeeded
	if errors.As(err, &need) {
		return fmt.Errorf("%w: give it in $REGULARS_%s_PASSWORD (add --save-passwords to `regulars mail` to keep it in the keyring)", err, strings.ToUpper(need.Kind))
	}
	return err
}

func runMail(e *env, args []string) error {
	fs := flag.NewFlagSet("mail", flag.ContinueOnError)
	provider := fs.String("provider", "", "fill in the servers of a well-known service: "+mail.ProviderKeys())
	fromName := fs.String("from-name", "", "the name emails come from")
	from := fs.String("from", "", "the address emails come from")
	smtpHost := fs.String("smtp-host", "", "SMTP server")
	smtpPort := fs.Int("smtp-port", 0, "SMTP port (587 for STARTTLS, 465 for TLS)")
	smtpSec := fs.String("smtp-security", "", "starttls, tls, or none (only for a server on this computer)")
	smtpUser := fs.String("smtp-user", "", "SMTP user name")
	imapHost := fs.String("imap-host", "", "IMAP server (for the copy in Sent and replies)")
	imapPort := fs.Int("imap-port", 0, "IMAP port (993 for TLS, 143 for STARTTLS)")
	imapSec := fs.String("imap-security", "", "starttls, tls or none")
	imapUser := fs.String("imap-user", "", "IMAP user name")
	savePasswords := fs.Bool("save-passwords", false, "keep $REGULARS_SMTP_PASSWORD and $REGULARS_IMAP_PASSWORD in the OS keyring")
	test := fs.Bool("test", false, "connect to both servers and log in, to check the settings")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	ms, err := e.store.MailSettings(e.ctx)
	if err != nil {
		return err
	}
	var note string
	if *provider != "" {
		p, ok := mail.ProviderByKey(*provider)
		if !ok {
			return usageErr("unknown provider %q (%s)", *provider, mail.ProviderKeys())
		}
		note = p.Note
		fill := func(s *string, v string) {
			if *s == "" {
				*s = v
			}
		}
		fillPort := func(n *int, v int) {
			if *n == 0 {
				*n = v
			}
		}
		fill(smtpHost, p.SMTP.Host)
		fillPort(smtpPort, p.SMTP.Port)
		fill(smtpSec, string(p.SMTP.Security))
		fill(imapHost, p.IMAP.Host)
		fillPort(imapPort, p.IMAP.Port)
		fill(imapSec, string(p.IMAP.Security))
		fill(smtpUser, *from)
		fill(imapUser, *from)
		if *fromName == "" && ms.FromName == "" {
			business, _ := e.store.BusinessSettings(e.ctx)
			*fromName = business.Name
		}
	}
	for _, sec := range []string{*smtpSec, *imapSec} {
		if sec != "" && sec != string(mail.StartTLS) && sec != string(mail.TLS) && sec != string(mail.Plain) {
			return usageErr("unknown security %q (starttls, tls or none)", sec)
		}
	}
	if *from != "" {
		if msg := data.CheckEmail(*from); msg != "" {
			return fmt.Errorf("--from: %s", msg)
		}
	}
	// The flags given change the settings in the book; the others stay.
	for _, f := range []struct {
		dst *string
		v   string
	}{{&ms.FromName, *fromName}, {&ms.FromAddress, *from}, {&ms.SMTP.Host, *smtpHost}, {&ms.SMTP.Security, *smtpSec}, {&ms.SMTP.User, *smtpUser},
		{&ms.IMAP.Host, *imapHost}, {&ms.IMAP.Security, *imapSec}, {&ms.IMAP.User, *imapUser}} {
		if f.v != "" {
			*f.dst = f.v
		}
	}
	for _, p := range []struct{ dst, v *int }{{&ms.SMTP.Port, smtpPort}, {&ms.IMAP.Port, imapPort}} {
		if *p.v != 0 {
			if *p.v < 1 || *p.v > 65535 {
				return usageErr("port %d is not a port number", *p.v)
			}
			*p.dst = *p.v
		}
	}
	if err := e.store.SetMailSettings(e.ctx, ms); err != nil {
		return err
	}
	sp, ip := sessionPasswords()
	smtpSrv, imapSrv, sender, err := mailSettings(e)
	if *savePasswords {
		if sp != "" {
			if err := mail.SavePassword("smtp", smtpSrv.User, sp); err != nil {
				return err
			}
		}
		if ip != "" && imapSrv != nil {
			if err := mail.SavePassword("imap", imapSrv.User, ip); err != nil {
				return err
			}
		}
	}
	fmt.Fprintf(e.stdout, "from %s, SMTP %s (%s, user %q)", sender, smtpSrv.Addr(), smtpSrv.Security, smtpSrv.User)
	if imapSrv != nil {
		fmt.Fprintf(e.stdout, ", IMAP %s (%s, user %q)", imapSrv.Addr(), imapSrv.Security, imapSrv.User)
	}
	fmt.Fprintln(e.stdout)
	if note != "" {
		fmt.Fprintln(e.stdout, note)
	}
	if *test {
		if err != nil {
			return err
		}
		if err := mail.TestSMTP(smtpSrv, sender, false); err != nil {
			return fmt.Errorf("SMTP: %w", err)
		}
		fmt.Fprintln(e.stdout, "SMTP: logged in")
		if imapSrv != nil {
			mb, err := mail.OpenMailbox(*imapSrv)
			if err != nil {
				return fmt.Errorf("IMAP: %w", err)
			}
			fmt.Fprintf(e.stdout, "IMAP: logged in; sent messages go to %q\n", mb.SentFolder())
			mb.Close()
		}
	}
	return nil
}

func runSend(e *env, args []string) error {
	fs := flag.NewFlagSet("send", flag.ContinueOnError)
	period := fs.String("period", "", "the month of the visits, YYYY-MM (default: since the last email batch)")
	occasion := fs.String("occasion", "thanks", "thanks, welcome, miss, birthday or sorry")
	tplName := fs.String("template", "", "the template (default: the first of the occasion)")
	dryRun := fs.Bool("dry-run", false, "list who would get an email and send nothing")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	o, err := occasionArg(*occasion)
	if err != nil {
		return err
	}
	b := data.Batch{Occasion: o, Channel: data.ChannelEmail}
	if b.From, b.To, err = batchPeriod(e, *period, o, data.ChannelEmail); err != nil {
		return err
	}
	tpl, err := occasionTemplate(e, o, *tplName)
	if err != nil {
		return err
	}
	b.Template = tpl.Name
	run := letters.EmailRun{Batch: b, Template: tpl, AsOf: clock.Now(), DryRun: *dryRun}
	if *dryRun {
		left, err := letters.Unfinished(e.ctx, e.store)
		if err != nil {
			return err
		}
		if left > 0 {
			fmt.Fprintf(e.stdout, "%d email%s left in the outbox by an interrupted send (`regulars outbox --send` sends them)\n", left, plural(left))
		}
	}
	plan, err := letters.PlanEmailBatch(e.ctx, e.store, run)
	// An interrupted send is finished first: its messages are settled and
	// sent, their contacts logged, so the new batch leaves those clients
	// out instead of skipping them as "in the outbox".
	var left *letters.UnfinishedError
	var sd *mail.Sender
	if errors.As(err, &left) {
		fmt.Fprintf(e.stdout, "%d email%s left in the outbox by an interrupted send: sending %s first\n", left.N, plural(left.N), map[bool]string{true: "it", false: "them"}[left.N == 1])
		var serr error
		if sd, serr = outboxSender(e); serr != nil {
			return serr
		}
		if serr := runSender(e, sd); serr != nil {
			return serr
		}
		run.AsOf = clock.Now()
		plan, err = letters.PlanEmailBatch(e.ctx, e.store, run)
	}
	if err != nil {
		return err
	}
	span := b.From.Format("2006-01-02") + " to " + b.To.AddDate(0, 0, -1).Format("2006-01-02")
	for _, s := range plan.Skipped {
		if !strings.HasSuffix(s, letters.SkipInOutbox) {
			fmt.Fprintf(e.stdout, "skipped %s\n", s)
		}
	}
	for _, m := range plan.Mails {
		fmt.Fprintf(e.stdout, "to %s: %s\n", m.Recipient, m.Subject)
	}
	fmt.Fprintf(e.stdout, "%d email%s for %s\n", len(plan.Mails), plural(len(plan.Mails)), span)
	inDoubt := plan.InOutbox
	if inDoubt > 0 && *dryRun {
		fmt.Fprintf(e.stdout, "%d client%s left out: a message to them is still in the outbox (see `regulars outbox`)\n", inDoubt, plural(inDoubt))
	} else if inDoubt > 0 && len(plan.Mails) == 0 {
		// Only a message still in doubt (no IMAP server to settle it) or an
		// unfinished send holds a client back.
		return fmt.Errorf("%d client%s of this period left out: a message to them is still in the outbox; run `regulars outbox` to see what settles %s, then `regulars send` again",
			inDoubt, plural(inDoubt), map[bool]string{true: "it", false: "them"}[inDoubt == 1])
	}
	if *dryRun || len(plan.Mails) == 0 {
		if *dryRun {
			fmt.Fprintln(e.stdout, "dry run: nothing was sent")
		}
		return nil
	}
	if inDoubt > 0 {
		fmt.Fprintf(e.stdout, "%d client%s left out: a message to them is still in the outbox (see `regulars outbox`)\n", inDoubt, plural(inDoubt))
	}
	if sd == nil {
		if sd, err = outboxSender(e); err != nil {
			plan.Discard(e.ctx, e.store)
			return err
		}
	}
	if err := plan.Queue(e.ctx, e.store); err != nil {
		return err
	}
	return runSender(e, sd)
}

// runSender sends what is queued with sd (outboxSender), settles what is
// in doubt, and reports; a run that leaves messages in doubt ends with an
// error that says what to do, so that a script sees it is not done.
func runSender(e *env, sd *mail.Sender) error {
	sd.Waiting = func(n int, until time.Time) {
		fmt.Fprintf(e.stderr, "waiting for %d interrupted message%s to show up in your mailbox (until %s at the latest; any not there by then is sent again)\n",
			n, plural(n), until.Local().Format("15:04:05"))
	}
	sd.OtherSeat = func() {
		fmt.Fprintln(e.stderr, "another seat (Regulars on another computer, or another command) is sending the outbox; waiting for it to finish (Ctrl+C stops waiting; nothing is lost)")
	}
	testHooks(e, sd)
	res, err := sd.Run(e.ctx)
	fmt.Fprintf(e.stdout, "sent %d, failed %d, in doubt %d", res.Sent, res.Failed, res.Unknown)
	if res.Recovered > 0 {
		fmt.Fprintf(e.stdout, "; of %d interrupted: %d found delivered, %d sent again", res.Recovered, res.Proven, res.Requeued)
	}
	if res.Copied > 0 {
		fmt.Fprintf(e.stdout, "; %d earlier message%s copied to Sent", res.Copied, plural(res.Copied))
	}
	if res.NotCopied > 0 {
		fmt.Fprintf(e.stdout, "; %d not copied to Sent yet (the next send copies them)", res.NotCopied)
	}
	fmt.Fprintln(e.stdout)
	if err != nil {
		return fmt.Errorf("%w; the rest stays queued: run `regulars outbox --send` to go on", err)
	}
	if res.Unknown > 0 {
		return fmt.Errorf("%d message%s in doubt: run `regulars outbox` to see what settles %s", res.Unknown, plural(res.Unknown), map[bool]string{true: "it", false: "them"}[res.Unknown == 1])
	}
	return nil
}

// testHooks wires the hooks the kill tests use: REGULARS_TEST_PAUSE=
// point:n stops the program (until it is killed) the n-th time sending
// reaches that point, saying so on stderr; REGULARS_TEST_PROOF_WAIT
// shortens the wait for proof copies. Neither is for everyday use.
func testHooks(e *env, sd *mail.Sender) {
	if d, err := time.ParseDuration(os.Getenv("REGULARS_TEST_PROOF_WAIT")); err == nil && d > 0 {
		sd.ProofWait = d
	}
	point, nth, ok := strings.Cut(os.Getenv("REGULARS_TEST_PAUSE"), ":")
	n, err := strconv.Atoi(nth)
	if !ok || err != nil || n < 1 {
		return
	}
	seen := 0
	sd.Pause = func(p string) {
		if p != point {
			return
		}
		if seen++; seen == n {
			fmt.Fprintf(e.stderr, "paused at %s\n", p)
			time.Sleep(time.Hour) // until killed (a bare select{} could be taken for a deadlock)
		}
	}
}

// mailJSON is the stable JSON form of an outbox message.
type mailJSON struct {
	ID        int64   `json:"id"`
	ClientID  int64   `json:"client_id"`
	Recipient string  `json:"recipient"`
	Subject   string  `json:"subject"`
	Status    string  `json:"status"`
	Tries     int     `json:"tries"`
	LastError string  `json:"last_error"`
	Reply     string  `json:"server_reply"`
	InSent    bool    `json:"in_sent_folder"`
	SentAt    *string `json:"sent_at"`
}

func runOutbox(e *env, args []string) error {
	fs := flag.NewFlagSet("outbox", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	send := fs.Bool("send", false, "send what is queued now, and settle what is in doubt")
	retry := fs.Int64("retry", 0, "queue a failed message `ID` again")
	delivered := fs.Int64("delivered", 0, "message `ID`, in doubt, did arrive (its copy to you is in your mailbox): record it sent")
	notDelivered := fs.Int64("not-delivered", 0, "message `ID`, in doubt, did not arrive (no copy to you came): send it again")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *retry != 0 {
		if err := e.store.RequeueMail(e.ctx, *retry); errors.Is(err, data.ErrFateUnknown) {
			return fmt.Errorf("%w: `regulars outbox --send` looks for it in your mailbox and sends it again only if it did not arrive (without an IMAP server: `--delivered %d` or `--not-delivered %d`, as `regulars outbox` advises)", err, *retry, *retry)
		} else if err != nil {
			return err
		}
	}
	if *delivered != 0 || *notDelivered != 0 {
		if err := settle(e, *delivered, *notDelivered); err != nil {
			return err
		}
	}
	if *send {
		sd, err := outboxSender(e)
		if err != nil {
			return err
		}
		if err := runSender(e, sd); err != nil {
			return err
		}
	}
	mails, err := e.store.Outbox(e.ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		out := make([]mailJSON, 0, len(mails))
		for _, m := range mails {
			out = append(out, mailJSON{m.ID, m.ClientID, m.Recipient, m.Subject, string(m.Status), m.Tries, m.LastError, m.ServerReply, m.Copied, timePtr(m.SentAt)})
		}
		return writeJSON(e.stdout, out)
	}
	for _, m := range mails {
		fmt.Fprintf(e.stdout, "%d\t%-8s\t%s\t%s", m.ID, m.Status, m.Recipient, m.Subject)
		if m.LastError != "" {
			fmt.Fprintf(e.stdout, "\t(%s)", m.LastError)
		}
		fmt.Fprintln(e.stdout)
	}
	counts, _ := e.store.OutboxCounts(e.ctx)
	fmt.Fprintf(e.stdout, "%d queued, %d sent, %d failed, %d in doubt\n", counts[data.MailQueued], counts[data.MailSent], counts[data.MailFailed], counts[data.MailUnknown]+counts[data.MailSending])
	return nil
}

// settle records the owner's word on a message in doubt, as the window
// does (letters.Settle). With an IMAP server set, the mailbox is searched
// first: a message found there is recorded delivered whatever was said,
// so that a wrong guess never sends it twice.
func settle(e *env, delivered, notDelivered int64) error {
	if delivered != 0 && notDelivered != 0 {
		return usageErr("give --delivered or --not-delivered, not both")
	}
	id := max(delivered, notDelivered)
	m, err := e.store.MailByID(e.ctx, id)
	if err != nil {
		return err
	}
	var imapSrv *mail.Server
	if _, srv, _, err := mailSettings(e); srv != nil && err == nil {
		imapSrv = srv
	}
	found, err := letters.Settle(e.ctx, e.store, m, delivered != 0, imapSrv)
	if err != nil {
		return err
	}
	switch {
	case found:
		fmt.Fprintf(e.stdout, "message %d is in your mailbox: it was delivered\n", id)
	case delivered == 0:
		fmt.Fprintf(e.stdout, "message %d is queued again: `regulars outbox --send` sends it\n", id)
	}
	return nil
}

func runCheckReplies(e *env, args []string) error {
	fs := flag.NewFlagSet("check-replies", flag.ContinueOnError)
	if _, err := parse(fs, args); err != nil {
		return err
	}
	_, imapSrv, _, err := mailSettings(e)
	var need *mail.PasswordNeeded
	if imapSrv == nil {
		return fmt.Errorf("the IMAP server is not set (`regulars mail --imap-host`)")
	}
	if errors.As(err, &need) && need.Kind == "imap" {
		return err
	}
	n, err := letters.CheckReplies(e.ctx, e.store, *imapSrv)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, n)
	return nil
}
