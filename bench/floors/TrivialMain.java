/**
 * Floor (a) of bench/run: the least a JVM does for a command-line program, a trivial {@code main} from a jar with
 * its own class archive. Everything jdvc's start-up adds is above this.
 */
public final class TrivialMain {
  private TrivialMain() {}

  public static void main(String[] args) {
    System.out.println("trivial 1.0");
  }
}
