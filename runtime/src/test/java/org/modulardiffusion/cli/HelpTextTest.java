package org.modulardiffusion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Picocli prints each element of a description on a line of its own, and a command's first
 * element alone as its summary in the list of commands; so every element is whole sentences.
 */
class HelpTextTest {
  @Test
  void everyLineOfHelpIsWholeSentences() {
    List<String> cut = new ArrayList<>();
    collectCut(Diffusion.commandLine().getCommandSpec(), cut);
    assertEquals(List.of(), cut);
  }

  private static void collectCut(CommandSpec command, List<String> cut) {
    for (String line : command.usageMessage().description()) {
      if (!endsASentence(line)) {
        cut.add(command.qualifiedName() + ": " + line);
      }
    }
    for (OptionSpec option : command.options()) {
      for (String line : option.description()) {
        if (!endsASentence(line)) {
          cut.add(command.qualifiedName() + " " + option.longestName() + ": " + line);
        }
      }
    }
    for (CommandLine sub : command.subcommands().values()) {
      collectCut(sub.getCommandSpec(), cut);
    }
  }

  private static boolean endsASentence(String line) {
    return line.endsWith(".") || line.endsWith(".)");
  }
}
