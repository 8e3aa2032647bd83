package org.modulardiffusion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * Every {@code ./diffusion} command line that the README and the guides in {@code docs/} show,
 * in a code block or inline, is one the program takes: a concrete line parses as it stands; a
 * synopsis ({@code [--steps N]}, {@code auto|cpu|gpu}, {@code …}) names only commands and options
 * that exist, each where it is shown.
 */
class DocumentedCommandLinesTest {
  /** A command line: from {@code ./diffusion} to the end of its line, an inline span or a comment. */
  private static final Pattern COMMAND_LINE = Pattern.compile("\\./diffusion((?:[ \\t][^`\\n#]*)?)");
  private static final Pattern SYNOPSIS = Pattern.compile("[\\[\\]|…]");
  private static final Pattern WORD = Pattern.compile("'([^']*)'|\"([^\"]*)\"|(\\S+)");

  @Test
  void everyCommandLineShownIsOneTheProgramTakes() throws IOException {
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    for (Path document : documents()) {
      Matcher line = COMMAND_LINE.matcher(Files.readString(document));
      while (line.find()) {
        String arguments = line.group(1).strip();
        String fault = SYNOPSIS.matcher(arguments).find() ? synopsisFault(words(arguments)) : parseFault(words(arguments));
        if (fault != null) {
          wrong.add(document + ": ./diffusion " + arguments + " — " + fault);
        }
        checked++;
      }
    }
    assertEquals(List.of(), wrong);
    assertTrue(checked >= 20, "found only " + checked + " command lines; has the pattern stopped matching?");
  }

  @Test
  void helpNamesACommandsOptions() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    int status;
    try {
      status = Diffusion.run("help", "sample");
    } finally {
      System.setOut(original);
    }
    String help = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, status, help);
    assertTrue(help.startsWith("Usage: diffusion sample "), help);
    assertTrue(help.contains("--checkpoint=DIR"), help);
  }

  /** The README and every guide. */
  private static List<Path> documents() throws IOException {
    List<Path> documents = new ArrayList<>(List.of(Path.of("..", "README.md")));
    try (Stream<Path> guides = Files.walk(Path.of("..", "docs"))) {
      guides.filter(file -> file.toString().endsWith(".md")).sorted().forEach(documents::add);
    }
    return documents;
  }

  /** Why picocli refuses {@code words}, or null when it takes them. */
  private static String parseFault(List<String> words) {
    try {
      Diffusion.commandLine().parseArgs(words.toArray(String[]::new));
      return null;
    } catch (ParameterException e) {
      return e.getMessage();
    }
  }

  /**
   * What a synopsis names that does not exist, or null: each word that starts with {@code --}
   * is an option of the command named before it (its value, the next word, is skipped), the
   * first other word a command of that command, and any word after that an argument.
   */
  private static String synopsisFault(List<String> words) {
    CommandSpec command = Diffusion.commandLine().getCommandSpec();
    boolean arguments = false;
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i).replaceAll("[\\[\\]]", "");
      if (word.startsWith("--")) {
        OptionSpec option = command.findOption(word.split("=", 2)[0]);
        if (option == null) {
          return command.qualifiedName() + " has no option " + word;
        }
        if (!option.typeInfo().isBoolean() && !word.contains("=")) {
          i++;
        }
      } else if (!arguments && !word.equals("…")) {
        CommandLine sub = command.subcommands().get(word);
        if (sub == null) {
          if (command.positionalParameters().isEmpty()) {
            return command.qualifiedName() + " has no command " + word;
          }
          arguments = true;
        } else {
          command = sub.getCommandSpec();
        }
      }
    }
    return null;
  }

  /** {@code text} split as a shell splits it: at spaces, but not inside quotes. */
  private static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    Matcher word = WORD.matcher(text);
    while (word.find()) {
      words.add(word.group(1) != null ? word.group(1) : word.group(2) != null ? word.group(2) : word.group(3));
    }
    return words;
  }
}
