/* @template greet
   @help
Usage: ${applet} [NAME]
Say ${word} to NAME.
*/
/* @applet hi
   @var word hello
   @help-template greet
*/
/* @applet bye
   @alias ciao
   @var word goodbye
   @help-template greet
*/
/* @applet odd
   @help-template greet
*/
MC_APPLET(hi) { return 0; }
MC_APPLET(bye) { return 0; }
MC_APPLET(odd) { return 0; }
