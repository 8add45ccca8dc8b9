package io.hvmigrate.powershell;

/**
 * A rendered PowerShell script for one step, ready to send. It prints exactly one line: a JSON object
 * {@code {"ok":true,"data":{...}}} or {@code {"ok":false,"error":{"message","category","hresult","type","errorId"}}},
 * ASCII only (every other character as a JSON {@code \\uXXXX} escape, because WinRM clients decode output with
 * codepage 437).
 *
 * @param text the whole script, as sent
 * @param body the part specific to this step, without the envelope every script shares (for showing to people)
 */
public record StepScript(String text, String body) {

    /**
     * WinRM4J sends {@code powershell -encodedcommand <base64 of UTF-16LE>} through cmd.exe, whose command line is capped
     * at 8,191 characters; 2,000 script characters become about 5,400 on that line.
     */
    public static final int MAX_LENGTH = 2000;

    public StepScript {
        if (text.length() > MAX_LENGTH) {
            throw new TooLong(text.length());
        }
    }

    public int length() {
        return text.length();
    }

    /** A script that would not fit the WinRM command line. */
    public static final class TooLong extends IllegalArgumentException {
        private final int length;

        public TooLong(int length) {
            super("the script would be " + length + " characters; WinRM command lines allow " + MAX_LENGTH);
            this.length = length;
        }

        public int length() {
            return length;
        }
    }
}
